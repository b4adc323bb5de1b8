package org.dataembassy.runtime.management;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.dataembassy.runtime.config.ManagementConfig;
import org.dataembassy.runtime.rest.Problems;
import org.dataembassy.runtime.security.OperatorIdentity;
import org.dataembassy.runtime.security.SecurityProblem;
import org.jboss.logging.Logger;

/**
 * Keeps the management endpoints on the management port and the management port to them: on the
 * service port (:8443) an operator path answers 404, naming the management port; on the
 * management port (:9443), whose TLS already required a client certificate from the state root,
 * only a certificate naming an operator or auditor gets through (403 otherwise), and an auditor
 * only reads. Runs before every other route of the site's router, which both ports share.
 */
@ApplicationScoped
public class ManagementAccess {

  private static final Logger LOG = Logger.getLogger(ManagementAccess.class);

  @Inject ManagementConfig config;

  void install(@Observes Router router) {
    router.route().order(-1000).handler(this::check);
  }

  void check(RoutingContext context) {
    String path = context.normalizedPath();
    boolean management = ManagementPaths.isManagement(path);
    boolean onManagementPort =
        config.enabled() && context.request().localAddress() != null && context.request().localAddress().port() == config.port();
    if (!onManagementPort) {
      if (management) {
        refuse(context, SecurityProblem.MANAGEMENT_PORT,
            path + " is served on the management port :" + config.port() + " to operators' and auditors' certificates.");
        return;
      }
      context.next();
      return;
    }
    if (!management) {
      refuse(context, SecurityProblem.NOT_MANAGEMENT, path + " is not a management endpoint: use the service port.");
      return;
    }
    Optional<OperatorIdentity> who = OperatorIdentity.of(context.request());
    if (who.isEmpty()) {
      LOG.warnf("EMB-AU-040 management request to %s refused: the client certificate names no operator or auditor", path);
      refuse(context, SecurityProblem.FORBIDDEN, "The management port serves operators' and auditors' certificates only.");
      return;
    }
    HttpMethod method = context.request().method();
    if (!who.get().mayChange() && method != HttpMethod.GET && method != HttpMethod.HEAD) {
      LOG.warnf("EMB-AU-041 auditor %s refused %s %s: auditors read only", who.get().subject(), method, path);
      refuse(context, SecurityProblem.FORBIDDEN, "An auditor's certificate reads only.");
      return;
    }
    context.next();
  }

  private static void refuse(RoutingContext context, org.dataembassy.runtime.rest.ProblemType type, String detail) {
    context.response()
        .setStatusCode(type.status())
        .putHeader("Content-Type", Problems.MEDIA_TYPE)
        .end(Problems.body(type, detail, context.normalizedPath()));
  }
}
