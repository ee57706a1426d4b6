package io.phishfence.monitor.mx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One SMTP reply (RFC 5321 4.2): a three-digit code and one or more lines of text. Every line but the last has
 * a hyphen after the code ({@code 250-PIPELINING}), the last a space or nothing ({@code 250 SMTPUTF8}).
 */
public record SmtpReply(int code, List<String> lines) {

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    /** Whether {@code line} ends its reply: the code is followed by a space or by nothing. */
    static boolean isLast(String line) {
        return line.length() == 3 || line.length() > 3 && line.charAt(3) != '-';
    }

    /**
     * The reply made of {@code rawLines} (without line ends), or empty when they are not one well-formed reply:
     * each line a three-digit code followed by a hyphen, a space or nothing, all lines the same code, only the
     * last without a hyphen.
     */
    static Optional<SmtpReply> parse(List<String> rawLines) {
        if (rawLines.isEmpty()) {
            return Optional.empty();
        }
        String code = null;
        var text = new ArrayList<String>();
        for (int i = 0; i < rawLines.size(); i++) {
            String line = rawLines.get(i);
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(c -> c >= '0' && c <= '9')
                    || line.length() > 3 && line.charAt(3) != '-' && line.charAt(3) != ' ') {
                return Optional.empty();
            }
            if (code != null && !code.equals(line.substring(0, 3))) {
                return Optional.empty();
            }
            code = line.substring(0, 3);
            if (isLast(line) != (i == rawLines.size() - 1)) {
                return Optional.empty();
            }
            text.add(line.length() > 4 ? line.substring(4) : "");
        }
        return Optional.of(new SmtpReply(Integer.parseInt(code), text));
    }

    public boolean isPositive() {
        return code >= 200 && code < 400;
    }

    /** Whether an EHLO reply lists {@code keyword} among its extensions (every line after the first). */
    public boolean offers(String keyword) {
        return lines.stream().skip(1).map(line -> line.strip().split("\\s+")[0].toUpperCase(Locale.ROOT))
                .anyMatch(keyword::equals);
    }

    /** The reply as the server wrote it, one line, for findings. */
    @Override
    public String toString() {
        return code + " " + String.join(" / ", lines);
    }
}
