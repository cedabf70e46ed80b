package dev.roster.springboot;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stands for the application's own Spring MVC endpoints, which SCIM must leave alone. */
@RestController
class HelloController {
  @GetMapping("/api/hello")
  Map<String, String> hello() {
    return Map.of("message", "Hello from Spring MVC");
  }
}
