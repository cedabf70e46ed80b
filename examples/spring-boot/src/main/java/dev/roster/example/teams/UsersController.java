package dev.roster.example.teams;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own API (Spring MVC), which knows nothing of SCIM: the users and teams as the
 * application sees them in its tables, whoever created them.
 */
@RestController
public class UsersController {
  private final JdbcTemplate jdbc;

  UsersController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A row of {@code app_user}, as the application shows it. */
  public record AppUser(
      String login,
      String firstName,
      String lastName,
      String workEmail,
      String mobilePhone,
      boolean active) {}

  /** A team and how many members it has. */
  public record Team(String title, long members) {}

  /** Every row of {@code app_user}, by login name. */
  @GetMapping("/api/users")
  public List<AppUser> users() {
    return jdbc.query(
        "SELECT login_name, first_name, last_name, work_email, mobile_phone, is_active"
            + " FROM app_user ORDER BY login_key",
        (rs, n) ->
            new AppUser(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getBoolean(6)));
  }

  /** Every team with its member count. */
  @GetMapping("/api/teams")
  public List<Team> teams() {
    return jdbc.query(
        "SELECT t.title, COUNT(m.user_id) FROM team t LEFT JOIN team_member m"
            + " ON m.team_id = t.id GROUP BY t.id, t.title ORDER BY t.title",
        (rs, n) -> new Team(rs.getString(1), rs.getLong(2)));
  }
}
