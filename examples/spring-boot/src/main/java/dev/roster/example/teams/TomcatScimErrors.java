package dev.roster.example.teams;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What Tomcat refuses before the application sees the request (a request line or headers over
 * {@code server.max-http-request-header-size}) answers as SCIM does when it was meant for SCIM, or
 * when Tomcat could not read its path: a SCIM error body of type {@code application/scim+json}
 * instead of Tomcat's HTML page. Other paths keep Tomcat's and Spring's error handling.
 */
@Configuration(proxyBeanMethods = false)
class TomcatScimErrors {

  /** Swaps the host's error report valve for {@link ScimErrorReportValve}. */
  @Bean
  ErrorValveCustomizer scimErrorReports(
      @Value("${roster.scim.base-path:/scim/v2}") String basePath) {
    return new ErrorValveCustomizer(basePath);
  }

  /** Runs after Spring Boot's own Tomcat customizer, whose context customizer adds its valve. */
  static final class ErrorValveCustomizer
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    private final String basePath;

    ErrorValveCustomizer(String basePath) {
      this.basePath = basePath;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
              if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
              }
            }
            host.getPipeline().addValve(new ScimErrorReportValve(basePath));
            // Else the host adds a plain ErrorReportValve of its own when it starts.
            if (host instanceof StandardHost standard) {
              standard.setErrorReportValveClass(ScimErrorReportValve.class.getName());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  /** Spring Boot's settings (no report, no server info), and SCIM JSON for SCIM's requests. */
  public static final class ScimErrorReportValve extends ErrorReportValve {
    private final String basePath;

    /** For Tomcat's reflection; serves SCIM at the default base path. */
    public ScimErrorReportValve() {
      this("/scim/v2");
    }

    ScimErrorReportValve(String basePath) {
      this.basePath = basePath;
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      String path = request.getDecodedRequestURI();
      boolean scim = path == null || path.isEmpty() || path.startsWith(basePath);
      int status = response.getStatus();
      if (!scim || status < 400 || response.getContentWritten() > 0) {
        super.report(request, response, throwable);
        return;
      }
      if (!response.setErrorReported()) {
        return;
      }
      try {
        response.setContentType("application/scim+json");
        response.setCharacterEncoding("UTF-8");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(
              "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
                  + status
                  + "\",\"detail\":\"The server refused the request before reading it: its"
                  + " request line or headers are malformed or too large\"}");
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // The connection is gone or the response was committed meanwhile: nothing to add.
      }
    }
  }
}
