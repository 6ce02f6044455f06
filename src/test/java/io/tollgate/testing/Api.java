package io.tollgate.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Talks to the deployed Tollgate over real HTTP, as a client would. */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;

    /** The server listens on loopback only, whatever host name the container reports. */
    public Api(URL base) {
        this.base = URI.create("http://127.0.0.1:" + base.getPort() + "/");
    }

    public int port() {
        return base.getPort();
    }

    public Call get(String path) {
        return new Call("GET", path, null);
    }

    public Call post(String path, String json) {
        return new Call("POST", path, json);
    }

    /** Any method, any body (or none), as a hostile or unusual client would send it. */
    public Call call(String method, String path, String body) {
        return new Call(method, path, body);
    }

    /**
     * Sends {@code requestLine} (e.g. {@code GET /a%zz HTTP/1.1}) as it is, over a plain socket, and answers the raw
     * response: for requests no well-behaved client can send, such as a malformed escape in the path.
     */
    public String raw(String requestLine) {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The protocol of the answer to {@code GET path} when the client offers to upgrade the connection to HTTP/2
     * (h2c), as the JDK's client does unless told otherwise.
     */
    public HttpClient.Version protocolAnsweringAnH2cOffer(String path) {
        HttpClient offering = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            return offering.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.discarding()).version();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Call post(String path, JsonObject json) {
        return post(path, json.toString());
    }

    public final class Call {
        private final String method;
        private final String path;
        private final String body;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Call(String method, String path, String body) {
            this.method = method;
            this.path = path.startsWith("/") ? path.substring(1) : path;
            this.body = body;
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
        }

        public Call bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call idempotencyKey(String key) {
            return header("Idempotency-Key", key);
        }

        public Reply send() {
            try {
                return sendAsync().join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new UncheckedIOException(new IOException(e.getCause()));
            }
        }

        public java.util.concurrent.CompletableFuture<Reply> sendAsync() {
            return sendAsync(CLIENT);
        }

        /**
         * Sends on a connection of its own, never one kept alive from earlier requests: a test that must know its
         * request reached the server cannot have it sent on a pooled connection the server is closing as idle.
         */
        public java.util.concurrent.CompletableFuture<Reply> sendAsyncOnNewConnection() {
            return sendAsync(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build());
        }

        private java.util.concurrent.CompletableFuture<Reply> sendAsync(HttpClient client) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
            headers.forEach(request::header);
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(Reply::new);
        }
    }

    /** An HTTP answer with its body read as JSON where it is JSON. */
    public static final class Reply {
        private final HttpResponse<String> response;

        Reply(HttpResponse<String> response) {
            this.response = response;
        }

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        }

        public JsonArray jsonArray() {
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readArray();
            }
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.body();
        }
    }
}
