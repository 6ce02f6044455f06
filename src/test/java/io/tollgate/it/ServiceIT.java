package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tollgate.testing.Api;
import io.tollgate.testing.Deployments;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

@ArquillianTest
class ServiceIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tollgate();
    }

    @ArquillianResource
    URL base;

    @Test
    void serviceInfo() {
        Api.Reply reply = new Api(base).get("/").send();
        System.out.println("BASE " + base + " -> " + reply);
        assertEquals(200, reply.status());
        assertEquals("running", reply.json().getString("status"));
    }
}
