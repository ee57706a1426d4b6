package io.phishfence.web.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The password rules and the slow hash every password goes through. */
public final class Passwords {

    static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated. */
    static final int MAX_BYTES = 72;

    /**
     * A hash to verify against when there is no account, so that an unknown address costs as much time as
     * a wrong password and the answer does not reveal which addresses have accounts.
     */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no such account");

    private Passwords() {
    }

    /** What is wrong with a new password, in words for its owner; empty when it is acceptable. */
    public static Optional<String> problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Choose a password of at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("Choose a password of at most " + MAX_BYTES + " bytes.");
        }
        return Optional.empty();
    }

    /** Refuses an unacceptable new password with the reason, in words for its owner. */
    static void requireAcceptable(String password) throws AccountService.AccountException {
        Optional<String> problem = problem(password);
        if (problem.isPresent()) {
            throw new AccountService.AccountException(problem.get());
        }
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password);
    }

    /** Checks {@code password} against {@code hash}, or spends the same time when there is no hash. */
    public static boolean matches(String password, Optional<String> hash) {
        boolean matches = BcryptUtil.matches(password == null ? "" : password, hash.orElse(DUMMY_HASH));
        return matches && hash.isPresent();
    }
}
