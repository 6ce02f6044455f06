package io.tollgate.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR under test is the one the build produced, exactly as operators deploy it. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive tollgate() {
        File war = new File(System.getProperty("tollgate.war", "target/tollgate.war"));
        return ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war));
    }
}
