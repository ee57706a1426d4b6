package io.phishfence.web.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** The limiters of log-in, sign-up and the e-mails an anonymous caller can make us send. */
@ApplicationScoped
public class RateLimits {

    private final RateLimiter loginPerIp;
    private final RateLimiter loginPerAccount;
    private final RateLimiter signupPerIp;
    private final RateLimiter resetPerIp;
    private final RateLimiter mailPerAddress;

    RateLimits(AccountConfig config) {
        var limits = config.limits();
        Clock clock = Clock.systemUTC();
        loginPerIp = new RateLimiter(limits.loginPerIp(), limits.window(), clock);
        loginPerAccount = new RateLimiter(limits.loginPerAccount(), limits.window(), clock);
        signupPerIp = new RateLimiter(limits.signupPerIp(), limits.window(), clock);
        resetPerIp = new RateLimiter(limits.resetPerIp(), limits.window(), clock);
        mailPerAddress = new RateLimiter(limits.mailPerAddress(), limits.window(), clock);
    }

    // Accessors, not fields: callers hold a client proxy of this bean, whose own fields are empty.

    RateLimiter loginPerIp() {
        return loginPerIp;
    }

    RateLimiter loginPerAccount() {
        return loginPerAccount;
    }

    RateLimiter signupPerIp() {
        return signupPerIp;
    }

    RateLimiter resetPerIp() {
        return resetPerIp;
    }

    RateLimiter mailPerAddress() {
        return mailPerAddress;
    }
}
