package dev.roster.scim.spring.app;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stands for the application's own Spring MVC endpoints, which SCIM must leave alone. */
@RestController
public class HelloController {
  /** A JSON greeting. */
  @GetMapping("/api/hello")
  public Map<String, String> hello() {
    return Map.of("message", "Hello from Spring MVC");
  }
}
