package io.phishfence.web.api;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Limit/offset paging of an API list. The answer stays a JSON array; when there is more, an RFC 8288
 * {@code Link: <...>; rel="next"} header gives the next page's address (the same query, offset moved on).
 * Each list fetches one item more than the page ({@link #fetch}) to learn whether a next page exists without
 * counting.
 *
 * @param limit how many items a page holds, 1 to {@link #MAXIMUM_LIMIT}
 * @param offset how many items to skip, 0 or more
 */
public record Paging(int limit, int offset) {

    /** The largest page any list gives. */
    public static final int MAXIMUM_LIMIT = 500;
    /** The page size of a list that is asked for none. */
    public static final int DEFAULT_LIMIT = 100;
    static final String LIMIT = "at most this many, 1 to " + MAXIMUM_LIMIT + "; default " + DEFAULT_LIMIT;
    static final String OFFSET = "skip this many (default 0); the Link header's rel=\"next\" names the next page";
    /** What every paged operation says about it in the OpenAPI document. */
    static final String DESCRIPTION = "Paged by limit and offset: while more follow, a Link header with rel=\"next\" "
            + "names the next page.";

    /** The paging a request asked for, or a 400 problem. */
    public static Paging of(Integer limit, Integer offset) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        int skip = offset == null ? 0 : offset;
        if (size < 1 || size > MAXIMUM_LIMIT) {
            throw Problem.badRequest("limit must be between 1 and " + MAXIMUM_LIMIT + ".");
        }
        if (skip < 0) {
            throw Problem.badRequest("offset must be 0 or more.");
        }
        return new Paging(size, skip);
    }

    /** How many items to fetch from {@link #offset}: the page and one more, which tells whether there is a next. */
    public int fetch() {
        return limit + 1;
    }

    /** The page out of what was fetched, with a {@code next} link when more items follow. */
    public <T> RestResponse<List<T>> respond(List<T> fetched, UriInfo request) {
        if (fetched.size() <= limit) {
            return RestResponse.ok(fetched);
        }
        // Relative (RFC 8288 allows it): the app's own idea of its host may not be the one the client reached.
        java.net.URI uri = request.getRequestUriBuilder().replaceQueryParam("offset", offset + limit)
                .replaceQueryParam("limit", limit).build();
        String next = uri.getRawPath() + "?" + uri.getRawQuery();
        return RestResponse.ResponseBuilder.ok(fetched.subList(0, limit)).header("Link", "<" + next + ">; rel=\"next\"")
                .build();
    }
}
