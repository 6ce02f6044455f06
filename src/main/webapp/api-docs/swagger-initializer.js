// Loads the document the server publishes; "Try it out" calls this same server.
window.onload = function () {
    window.ui = SwaggerUIBundle({
        url: new URL("../openapi", window.location.href).toString(),
        dom_id: "#swagger-ui",
        deepLinking: true,
        persistAuthorization: false,
        tryItOutEnabled: false
    });
};
