package dev.roster.scim.spring.app;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.ChangeEvent;
import dev.roster.scim.server.ChangeObserver;
import dev.roster.scim.server.memory.InMemoryStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a host declares to get SCIM: the schema registry, users and groups (here in memory), and a
 * change observer that remembers who changed what.
 */
@Configuration(proxyBeanMethods = false)
public class InMemoryRepositories {
  /**
   * The schemas served; the store evaluates filters with them, and the starter adds extensions and
   * custom types to them.
   */
  @Bean
  SchemaRegistry schemaRegistry() {
    return SchemaRegistry.standard();
  }

  /** Tenant-partitioned in-memory storage. */
  @Bean
  InMemoryStore store(SchemaRegistry registry) {
    return new InMemoryStore(registry);
  }

  /** Users. */
  @Bean
  UserRepository users(InMemoryStore store) {
    return store.users();
  }

  /** Groups. */
  @Bean
  GroupRepository groups(InMemoryStore store) {
    return store.groups();
  }

  /** Every change, with the request context it was made in. */
  @Bean
  RecordedChanges changes() {
    return new RecordedChanges();
  }

  /** Remembers every change event. */
  public static final class RecordedChanges implements ChangeObserver {
    private final List<ChangeEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void changed(ChangeEvent event) {
      events.add(event);
    }

    /** The events so far, oldest first. */
    public List<ChangeEvent> events() {
      return List.copyOf(events);
    }
  }
}
