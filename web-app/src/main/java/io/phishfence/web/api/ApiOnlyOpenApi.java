package io.phishfence.web.api;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Keeps only the JSON API in the OpenAPI document: the UI's HTML pages are no API. (Filtering the scan with
 * {@code mp.openapi.scan.packages} instead breaks the build on Quarkus 3.33.2, quarkusio/quarkus#54662.)
 */
public class ApiOnlyOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        for (String path : List.copyOf(openApi.getPaths().getPathItems().keySet())) {
            if (!path.startsWith("/api/")) {
                openApi.getPaths().removePathItem(path);
            }
        }
    }
}
