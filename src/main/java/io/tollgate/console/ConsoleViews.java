package io.tollgate.console;

import jakarta.faces.application.ResourceHandler;
import jakarta.faces.application.ResourceHandlerWrapper;
import jakarta.faces.application.ViewResource;
import jakarta.faces.context.FacesContext;

/**
 * The console's pages live in {@code WEB-INF/console}, where nothing serves them as files: {@code /console/users.xhtml}
 * (the Faces servlet's path {@code /console/*}) renders {@code WEB-INF/console/users.xhtml}.
 */
public class ConsoleViews extends ResourceHandlerWrapper {

    private static final String VIEWS = "/WEB-INF/console";

    public ConsoleViews(ResourceHandler wrapped) {
        super(wrapped);
    }

    @Override
    public ViewResource createViewResource(FacesContext context, String resourceName) {
        boolean page = resourceName.endsWith(".xhtml") && !resourceName.startsWith("/WEB-INF/");
        return super.createViewResource(context, page ? VIEWS + resourceName : resourceName); // not "/", Facelets' base
    }
}
