package io.phishfence.web.api;

import io.phishfence.web.api.token.ApiTokenAuthentication;
import io.phishfence.web.report.OriginalReport;
import io.phishfence.web.report.ReportContent;
import io.phishfence.web.report.ReportIds;
import io.phishfence.web.report.StoredReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stored reports by their id. */
@Path("/api/v1/reports")
@RolesAllowed(ApiTokenAuthentication.ROLE)
@Tag(name = "Reports")
@SecurityRequirement(name = TenantApi.SECURITY_SCHEME)
public class ReportsApi {

    @GET
    @Path("{id}/raw")
    @Transactional
    @Produces({"application/tlsrpt+json", "application/tlsrpt+gzip", MediaType.APPLICATION_JSON, "application/gzip",
            MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "The report exactly as the sender sent it",
            description = "The bytes as received (JSON, or gzip-compressed JSON), with the sender's content type "
                    + "when it is one of TLS-RPT's.")
    public Response raw(@PathParam("id") String id) {
        return ReportIds.parse(id).flatMap(StoredReport::findShown).flatMap(r -> ReportContent.of(r.id))
                .map(OriginalReport::download)
                .orElseThrow(() -> Problem.notFound("No report with id " + id + "."));
    }
}
