// The entity model: one shape for every listed person, organization, vessel
// and aircraft, whatever list it came from. Loaders fill it; the matcher,
// the server and the reports read it.
// Thread-safety: plain values. A loaded EntityList is never mutated after
// loading and may be read from many threads at once.
#ifndef EMBARGO_ENTITY_H_
#define EMBARGO_ENTITY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace embargo {

enum class EntityKind : std::uint8_t {
  kPerson = 0,
  kOrganization = 1,  // companies, groups, government bodies, banks
  kVessel = 2,
  kAircraft = 3,
};
constexpr int kEntityKindCount = 4;
// "person", "organization", "vessel", "aircraft".
std::string_view EntityKindName(EntityKind kind);
// Accepts the names above (any case) and "individual", "entity", "company".
std::optional<EntityKind> ParseEntityKind(std::string_view text);

// What the list says a name is.
enum class NameType : std::uint8_t {
  kPrimary = 0,  // the name the list is keyed on
  kAka = 1,      // also known as
  kFka = 2,      // formerly known as
  kNka = 3,      // now known as
};
std::string_view NameTypeName(NameType type);  // "primary", "aka", "fka", "nka"

// The list's own grading of an alias: OFAC strong/weak, UN Good/Low,
// UK/AU "low quality". kUnspecified when the list says nothing.
enum class NameQuality : std::uint8_t {
  kUnspecified = 0,
  kStrong = 1,
  kWeak = 2,
  kLow = 3,
};
std::string_view NameQualityName(NameQuality quality);

// Structured parts of a name, where the source gives them. Empty if not.
struct NameParts {
  std::string given;       // first (and middle) given names
  std::string middle;      // where the source separates them
  std::string family;      // surname
  std::string patronymic;  // father's name (Russian, Arabic nasab)
  std::string other;       // further parts (UN FOURTH_NAME, UK Name 4/5)
  bool empty() const {
    return given.empty() && middle.empty() && family.empty() &&
           patronymic.empty() && other.empty();
  }
};

struct Name {
  std::string full;  // as published, UTF-8, whitespace collapsed
  NameType type = NameType::kPrimary;
  NameQuality quality = NameQuality::kUnspecified;
  // True for a name written in its original non-Latin script, e.g. the UN's
  // NAME_ORIGINAL_SCRIPT or AU's "Original Script" rows.
  bool original_script = false;
  std::string language;  // where the source names it, e.g. "Arabic"
  NameParts parts;
};

// A calendar date whose month or day may be unknown (0).
struct PartialDate {
  std::int16_t year = 0;   // 0: unknown
  std::uint8_t month = 0;  // 1-12, 0: unknown
  std::uint8_t day = 0;    // 1-31, 0: unknown
  bool empty() const { return year == 0; }
  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" when empty.
  std::string ToString() const;
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

// A birth date (or build date) as lists give them: exact, year-only,
// month-only, "circa", or a range "between 1965 and 1969".
struct DateSpec {
  PartialDate from;  // the date itself, or the range's start
  PartialDate to;    // empty unless a range
  bool circa = false;
  std::string text;  // as published, for display and audit
  bool is_range() const { return !to.empty(); }
  // "1966-06-12", "1966", "circa 1966", "1965..1969".
  std::string ToString() const;
};

enum class Gender : std::uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };
std::string_view GenderName(Gender gender);  // "", "male", "female"

struct Address {
  std::string street;  // street lines, joined with ", "
  std::string city;
  std::string region;  // state, province
  std::string postal_code;
  std::string country;       // ISO 3166-1 alpha-2, "" if unknown
  std::string country_text;  // the country as published
  std::string full;          // the whole address as one line
  std::string note;
};

enum class IdKind : std::uint8_t {
  kOther = 0,
  kPassport,
  kNationalId,
  kTaxId,
  kRegistration,  // company registration number
  kSwiftBic,
  kImo,
  kMmsi,
  kCallSign,
  kAircraftSerial,
  kTailNumber,  // aircraft registration mark
  kLei,
  kEmail,
  kWebsite,
  kPhone,
};
constexpr int kIdKindCount = 15;
// Stable snake_case names: "passport", "national_id", "swift_bic", "imo", ...
std::string_view IdKindName(IdKind kind);
std::optional<IdKind> ParseIdKind(std::string_view name);

struct Identifier {
  IdKind kind = IdKind::kOther;
  std::string value;    // as published, trimmed
  std::string country;  // issuing country, ISO alpha-2, "" if unknown
  std::string label;  // the source's own type text, e.g. "Diplomatic Passport"
  std::string notes;  // e.g. "issued 2011, expires 2016"
};

struct VesselInfo {
  std::string flag;  // ISO alpha-2
  std::string flag_text;
  std::string type;  // e.g. "Crude Oil Tanker"
  std::string tonnage;
  std::string gross_registered_tonnage;
  std::string owner;  // owner or operator, as published
  std::string build_date;
  bool empty() const {
    return flag.empty() && flag_text.empty() && type.empty() &&
           tonnage.empty() && gross_registered_tonnage.empty() &&
           owner.empty() && build_date.empty();
  }
};

struct AircraftInfo {
  std::string model;  // e.g. "Airbus A340-313X"
  std::string operator_name;
  std::string build_date;
  bool empty() const {
    return model.empty() && operator_name.empty() && build_date.empty();
  }
};

// A sanctions program or regime, with the list's own code: OFAC "DPRK3",
// UN "KP" (the 1718 regime), UK "Democratic People's Republic of Korea".
struct Program {
  std::string code;
  std::string name;  // a readable name where known
};

// Where an entity came from.
struct Provenance {
  std::string list;        // the source list's name, e.g. "un_sc", "ofac_sdn"
  std::string record_id;   // the source's own id, e.g. "KPi.033", "12345"
  PartialDate published;   // the list's publication date
  std::string file;        // the file it was read from
  std::uint64_t line = 0;  // the line (or row) where the record starts
};

struct Entity {
  std::string id;  // stable: "un-KPi.033", "ofac-12345", FtM ids as given
  EntityKind kind = EntityKind::kOrganization;
  std::vector<Name> names;  // names[0] is the primary name

  // People.
  std::vector<DateSpec> birth_dates;
  std::vector<std::string> birth_places;
  std::vector<std::string> nationalities;  // ISO alpha-2
  std::vector<std::string> citizenships;   // ISO alpha-2
  Gender gender = Gender::kUnknown;
  std::vector<std::string> titles;     // "Dr.", "Haji", "General"
  std::vector<std::string> positions;  // "Minister of Defence"

  // Everyone.
  std::vector<std::string> countries;  // other country links (jurisdiction)
  std::vector<Address> addresses;
  std::vector<Identifier> identifiers;
  VesselInfo vessel;
  AircraftInfo aircraft;

  // Listing.
  std::vector<Program> programs;
  PartialDate listed_on;
  std::vector<std::string> remarks;
  std::vector<std::string> source_urls;
  Provenance provenance;

  const std::string& primary_name() const;
};

// Facts about one loaded list file (or file set).
struct ListInfo {
  std::string name;                // e.g. "un_sc", "ofac_sdn", "uk_ofsi"
  std::string format;              // the loader's format name, e.g. "un_xml"
  std::vector<std::string> files;  // every file read, main file first
  PartialDate published;
  std::string content_hash;  // "sha256:<hex>" over the files' bytes
  // Optional fields the loader did not recognize: name -> times seen.
  std::map<std::string, std::uint64_t> unknown_fields;
  // Non-fatal remarks, e.g. a value that could not be mapped to a code.
  std::vector<std::string> warnings;
};

struct EntityList {
  ListInfo info;
  std::vector<Entity> entities;
};

// The entity as JSON in a FollowTheMoney-like shape: {"id", "schema",
// "caption", "properties": {"name": [...], "birthDate": [...], ...},
// "datasets": [list], "embargo": {structured names, identifiers, addresses,
// programs, provenance}}. `indent` < 0 gives one line.
std::string EntityToJson(const Entity& entity, int indent = -1);

// The FollowTheMoney schema name for a kind: Person, Organization, Vessel,
// Airplane.
std::string_view FtmSchemaName(EntityKind kind);

}  // namespace embargo

#endif  // EMBARGO_ENTITY_H_
