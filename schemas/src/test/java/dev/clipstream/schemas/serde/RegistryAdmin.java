package dev.clipstream.schemas.serde;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Registry calls only tests need: the compatibility rule of a subject. */
final class RegistryAdmin {

    private RegistryAdmin() {
    }

    static void setCompatibility(String registryUrl, String subject, String level) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/config/" + subject))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\": \"" + level + "\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Setting compatibility of " + subject + " failed: HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }
}
