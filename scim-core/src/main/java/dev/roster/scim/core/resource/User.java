package dev.roster.scim.core.resource;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.SchemaUrns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A typed view of a User resource (RFC 7643 §4.1) and its Enterprise User extension (§4.3) over a
 * {@link ScimResource}.
 *
 * <p>Reads are lenient: member names match ignoring case, {@code active} and {@code primary} may be
 * the strings {@code "True"}/{@code "False"} (as Microsoft Entra ID sends them), and values of the
 * wrong JSON type read as absent. The view does not check {@code schemas}. There is no accessor for
 * {@code password}, which is never returned (§4.1.1); a repository storing it reads {@code
 * resource().get("password")}. Immutable and thread-safe, like the resource.
 */
public final class User {
  private final ScimResource resource;

  private User(ScimResource resource) {
    this.resource = resource;
  }

  /** A view of {@code resource}, which must not be null. */
  public static User of(ScimResource resource) {
    return new User(requireNonNull(resource, "resource"));
  }

  /** A builder for a new user resource, with {@code schemas} starting with the core User URN. */
  public static Builder builder() {
    return new Builder();
  }

  /** The resource this view reads. */
  public ScimResource resource() {
    return resource;
  }

  /** The service provider's id, or null before the user is stored. */
  public String id() {
    return resource.id();
  }

  /** The client's identifier, if any. */
  public Optional<String> externalId() {
    return resource.externalId();
  }

  /** The metadata; {@link Meta#EMPTY} when the resource has none. */
  public Meta meta() {
    return resource.meta();
  }

  /** The unique identifier the user signs in with, if set. */
  public Optional<String> userName() {
    return string("userName");
  }

  /** The user's name components, if set. */
  public Optional<Name> name() {
    return Optional.ofNullable(Name.fromJson(resource.get("name")));
  }

  /** The name to display, if set. */
  public Optional<String> displayName() {
    return string("displayName");
  }

  /** The casual name, if set. */
  public Optional<String> nickName() {
    return string("nickName");
  }

  /** The URL of the user's online profile, if set. */
  public Optional<String> profileUrl() {
    return string("profileUrl");
  }

  /** The job title, if set. */
  public Optional<String> title() {
    return string("title");
  }

  /** The relationship to the organization, such as {@code Employee}, if set. */
  public Optional<String> userType() {
    return string("userType");
  }

  /** The preferred written or spoken language, such as {@code en-US}, if set. */
  public Optional<String> preferredLanguage() {
    return string("preferredLanguage");
  }

  /** The locale for localizing currency, dates and numbers, such as {@code en-US}, if set. */
  public Optional<String> locale() {
    return string("locale");
  }

  /** The IANA time zone, such as {@code America/Los_Angeles}, if set. */
  public Optional<String> timezone() {
    return string("timezone");
  }

  /** Whether the user is active, if stated as a boolean or the string true/false in any case. */
  public Optional<Boolean> active() {
    return Optional.ofNullable(AttributeValues.bool(resource.get("active")));
  }

  /** The email addresses, in order; empty if none. */
  public List<MultiValue> emails() {
    return multiValues("emails");
  }

  /** The phone numbers, in order; empty if none. */
  public List<MultiValue> phoneNumbers() {
    return multiValues("phoneNumbers");
  }

  /** The instant messaging addresses, in order; empty if none. */
  public List<MultiValue> ims() {
    return multiValues("ims");
  }

  /** The photo URLs, in order; empty if none. */
  public List<MultiValue> photos() {
    return multiValues("photos");
  }

  /** The physical mailing addresses, in order; empty if none. */
  public List<Address> addresses() {
    return AttributeValues.list(resource.get("addresses"), Address::fromJson);
  }

  /**
   * The groups the user belongs to, in order; empty if none. Entries without a usable {@code value}
   * are skipped.
   */
  public List<ResourceRef> groups() {
    return AttributeValues.list(resource.get("groups"), ResourceRef::fromJson);
  }

  /** The entitlements, in order; empty if none. */
  public List<MultiValue> entitlements() {
    return multiValues("entitlements");
  }

  /** The roles, in order; empty if none. */
  public List<MultiValue> roles() {
    return multiValues("roles");
  }

  /** The X.509 certificates (base64 DER in {@code value}), in order; empty if none. */
  public List<MultiValue> x509Certificates() {
    return multiValues("x509Certificates");
  }

  /** The Enterprise User extension, present when the resource carries its object. */
  public Optional<EnterpriseUser> enterprise() {
    return resource.extension(SchemaUrns.ENTERPRISE_USER).map(EnterpriseUser::fromJson);
  }

  private Optional<String> string(String attribute) {
    return Optional.ofNullable(AttributeValues.text(resource.get(attribute)));
  }

  private List<MultiValue> multiValues(String attribute) {
    return AttributeValues.list(resource.get(attribute), MultiValue::fromJson);
  }

  /** Equal when the underlying resources are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof User other && resource.equals(other.resource);
  }

  @Override
  public int hashCode() {
    return resource.hashCode();
  }

  /** The resource as compact JSON. */
  @Override
  public String toString() {
    return resource.toString();
  }

  /**
   * Builds a User {@link ScimResource}. Single-valued setters accept null to unset; the singular
   * multi-valued setters ({@link #email}, ...) append a non-null value and the plural ones replace
   * the list (null or empty removes it). Not thread-safe.
   */
  public static final class Builder {
    private final ScimResource.Builder resource =
        ScimResource.builder().schemas(List.of(SchemaUrns.USER));
    // The multi-valued attributes set so far, by canonical name; attribute() invalidates an entry.
    private final Map<String, ArrayNode> lists = new HashMap<>();

    private Builder() {}

    /** Sets {@code id}. */
    public Builder id(String id) {
      resource.id(id);
      return this;
    }

    /** Sets {@code externalId}. */
    public Builder externalId(String externalId) {
      resource.externalId(externalId);
      return this;
    }

    /** Sets {@code meta}. */
    public Builder meta(Meta meta) {
      resource.meta(meta);
      return this;
    }

    /** Sets {@code userName}. */
    public Builder userName(String userName) {
      return set("userName", userName);
    }

    /** Sets {@code name}. */
    public Builder name(Name name) {
      resource.set("name", name == null ? null : name.toJson());
      return this;
    }

    /** Sets {@code displayName}. */
    public Builder displayName(String displayName) {
      return set("displayName", displayName);
    }

    /** Sets {@code nickName}. */
    public Builder nickName(String nickName) {
      return set("nickName", nickName);
    }

    /** Sets {@code profileUrl}. */
    public Builder profileUrl(String profileUrl) {
      return set("profileUrl", profileUrl);
    }

    /** Sets {@code title}. */
    public Builder title(String title) {
      return set("title", title);
    }

    /** Sets {@code userType}. */
    public Builder userType(String userType) {
      return set("userType", userType);
    }

    /** Sets {@code preferredLanguage}. */
    public Builder preferredLanguage(String preferredLanguage) {
      return set("preferredLanguage", preferredLanguage);
    }

    /** Sets {@code locale}. */
    public Builder locale(String locale) {
      return set("locale", locale);
    }

    /** Sets {@code timezone}. */
    public Builder timezone(String timezone) {
      return set("timezone", timezone);
    }

    /** Sets {@code active}. */
    public Builder active(boolean active) {
      resource.set("active", active);
      return this;
    }

    /** Sets {@code password}, which is writeOnly: services store it and never return it. */
    public Builder password(String password) {
      return set("password", password);
    }

    /** Appends an email address. */
    public Builder email(MultiValue email) {
      return add("emails", email, MultiValue::toJson);
    }

    /** Replaces the email addresses. */
    public Builder emails(List<MultiValue> emails) {
      return replace("emails", emails, MultiValue::toJson);
    }

    /** Appends a phone number. */
    public Builder phoneNumber(MultiValue phoneNumber) {
      return add("phoneNumbers", phoneNumber, MultiValue::toJson);
    }

    /** Replaces the phone numbers. */
    public Builder phoneNumbers(List<MultiValue> phoneNumbers) {
      return replace("phoneNumbers", phoneNumbers, MultiValue::toJson);
    }

    /** Appends an instant messaging address. */
    public Builder im(MultiValue im) {
      return add("ims", im, MultiValue::toJson);
    }

    /** Replaces the instant messaging addresses. */
    public Builder ims(List<MultiValue> ims) {
      return replace("ims", ims, MultiValue::toJson);
    }

    /** Appends a photo URL. */
    public Builder photo(MultiValue photo) {
      return add("photos", photo, MultiValue::toJson);
    }

    /** Replaces the photo URLs. */
    public Builder photos(List<MultiValue> photos) {
      return replace("photos", photos, MultiValue::toJson);
    }

    /** Appends a mailing address. */
    public Builder address(Address address) {
      return add("addresses", address, Address::toJson);
    }

    /** Replaces the mailing addresses. */
    public Builder addresses(List<Address> addresses) {
      return replace("addresses", addresses, Address::toJson);
    }

    /**
     * Appends a group membership. {@code groups} is readOnly: a service provider sets it in the
     * resources it returns; it ignores clients' values.
     */
    public Builder group(ResourceRef group) {
      return add("groups", group, ResourceRef::toJson);
    }

    /** Replaces the group memberships (readOnly; see {@link #group}). */
    public Builder groups(List<ResourceRef> groups) {
      return replace("groups", groups, ResourceRef::toJson);
    }

    /** Appends an entitlement. */
    public Builder entitlement(MultiValue entitlement) {
      return add("entitlements", entitlement, MultiValue::toJson);
    }

    /** Replaces the entitlements. */
    public Builder entitlements(List<MultiValue> entitlements) {
      return replace("entitlements", entitlements, MultiValue::toJson);
    }

    /** Appends a role. */
    public Builder role(MultiValue role) {
      return add("roles", role, MultiValue::toJson);
    }

    /** Replaces the roles. */
    public Builder roles(List<MultiValue> roles) {
      return replace("roles", roles, MultiValue::toJson);
    }

    /** Appends an X.509 certificate (base64 DER in {@code value}). */
    public Builder x509Certificate(MultiValue certificate) {
      return add("x509Certificates", certificate, MultiValue::toJson);
    }

    /** Replaces the X.509 certificates. */
    public Builder x509Certificates(List<MultiValue> certificates) {
      return replace("x509Certificates", certificates, MultiValue::toJson);
    }

    /**
     * Sets the whole Enterprise User extension object and lists its URN in {@code schemas}; null
     * removes both.
     */
    public Builder enterprise(EnterpriseUser enterprise) {
      if (enterprise == null) {
        resource.remove(SchemaUrns.ENTERPRISE_USER);
      } else {
        resource.set(SchemaUrns.ENTERPRISE_USER, enterprise.toJson());
        resource.addSchema(SchemaUrns.ENTERPRISE_USER);
      }
      return this;
    }

    /**
     * Sets the value at {@code path}, such as a custom extension attribute {@code
     * urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User:startDate}, listing a new
     * extension's URN in {@code schemas}; null removes the value. See {@link
     * ScimResource.Builder#set(AttributePath, JsonNode)}.
     */
    public Builder attribute(AttributePath path, JsonNode value) {
      if (path.schema() == null || path.schema().equalsIgnoreCase(SchemaUrns.USER)) {
        lists.keySet().removeIf(path.attribute()::equalsIgnoreCase);
      }
      resource.set(path, value);
      return this;
    }

    /**
     * Builds the resource; the builder may be used again afterwards. An extension URN whose object
     * was removed again is left out of {@code schemas}.
     */
    public ScimResource build() {
      ScimResource built = resource.build();
      List<String> schemas = built.schemas();
      List<String> kept =
          schemas.stream()
              .filter(urn -> urn.equals(SchemaUrns.USER) || built.extension(urn).isPresent())
              .toList();
      return kept.size() == schemas.size() ? built : built.toBuilder().schemas(kept).build();
    }

    private Builder set(String attribute, String value) {
      resource.set(attribute, value);
      return this;
    }

    private <T> Builder add(String attribute, T value, Function<T, JsonNode> writer) {
      ArrayNode list = lists.computeIfAbsent(attribute, this::current);
      list.add(writer.apply(requireNonNull(value, "value")));
      resource.set(attribute, list);
      return this;
    }

    private <T> Builder replace(String attribute, List<T> values, Function<T, JsonNode> writer) {
      ArrayNode list = AttributeValues.array(values == null ? List.of() : values, writer);
      lists.put(attribute, list);
      resource.set(attribute, list.isEmpty() ? null : list);
      return this;
    }

    // The list set so far through attribute(), so that appending keeps its elements.
    private ArrayNode current(String attribute) {
      JsonNode value = resource.build().get(attribute);
      return value != null && value.isArray() ? (ArrayNode) value : Json.array();
    }
  }
}
