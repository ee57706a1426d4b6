package io.phishfence.web.mail;

/**
 * A mail the SMTP server did not accept, or could not be reached for: the message is one line fit for a delivery's
 * stored error (the server's reply, or what failed on the way), never a credential.
 */
public class MailSendException extends Exception {

    public MailSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
