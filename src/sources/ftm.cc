// The FollowTheMoney loader: JSON lines as OpenSanctions and yente export
// them (entities.ftm.json), one entity object per line: {"id", "schema",
// "caption", "properties": {prop: [values]}, "datasets", "referents",
// "target", ...}.
//
// Person, Organization, Company, LegalEntity, PublicBody, Vessel and
// Airplane become entities, with their ids unchanged. Every other schema is
// counted in unknown_fields as "schema:<Name>" and not loaded, but three
// of them carry facts about the loaded ones and are read for that:
// Sanction (programs, listing date, source URLs of its "entity"), Address
// (structured addresses behind "addressEntity") and Passport/Identification
// (documents of their "holder"). References may name an entity by one of its
// "referents" (merged-away ids) as well as by its id.
//
// The list name is the file name without its extensions (.gz, .json,
// .jsonl, .ndjson, .ftm); for the generic export names "entities" and
// "targets" it is the parent folder's name, so ".../yente_zala/
// entities.ftm.json" loads as "yente_zala". The datasets of each entity are
// kept as a remark; they differ from entity to entity in merged exports.
//
// Entities with "target": false (owners, relatives, linked companies) are
// loaded too, with a remark saying they are not listed themselves.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "embargo/country.h"
#include "model/ascii.h"
#include "model/date.h"
#include "model/json_depth.h"
#include "sources/io.h"
#include "sources/loaders.h"

namespace embargo::internal {

// Loads with an explicit line-length limit, so tests can exercise it.
Result<EntityList> LoadFtmWithLimit(const std::string& path,
                                    size_t max_line_bytes);

namespace {

using nlohmann::json;

// Reads lines from a stream. LF, CRLF and a lone CR all end a line: JSON
// text cannot hold a raw CR or LF, so none of them can be inside a record.
class LineReader {
 public:
  LineReader(std::unique_ptr<ByteStream> stream, std::string name,
             size_t max_line)
      : stream_(std::move(stream)), name_(std::move(name)), max_(max_line) {}

  // False at the end of input or on error (see status()).
  bool Next(std::string* line) {
    line->clear();
    if (!status_.ok() || done_) return false;
    bool got = false;
    terminated_ = false;
    while (true) {
      if (pos_ == buf_.size()) {
        buf_.resize(1 << 16);
        auto n = stream_->Read(buf_.data(), buf_.size());
        if (!n.ok()) {
          status_ = n.status();
          return false;
        }
        buf_.resize(*n);
        pos_ = 0;
        if (*n == 0) {
          done_ = true;
          if (!got) return false;
          break;
        }
      }
      if (after_cr_) {
        // The LF of a CRLF split across two reads.
        after_cr_ = false;
        if (buf_[pos_] == '\n' && ++pos_ == buf_.size()) continue;
      }
      got = true;
      size_t nl = buf_.find_first_of("\r\n", pos_);
      size_t end = nl == std::string::npos ? buf_.size() : nl;
      if (line->size() + (end - pos_) > max_) {
        status_ = Status::LimitExceeded(
            fmt::format("{}:{}: line longer than the limit of {} bytes", name_,
                        line_no_ + 1, max_));
        return false;
      }
      line->append(buf_, pos_, end - pos_);
      if (nl != std::string::npos) {
        terminated_ = true;
        pos_ = nl + 1;
        if (buf_[nl] == '\r') {
          if (pos_ < buf_.size()) {
            if (buf_[pos_] == '\n') ++pos_;
          } else {
            after_cr_ = true;
          }
        }
        break;
      }
      pos_ = buf_.size();
    }
    ++line_no_;
    return true;
  }

  std::uint64_t line() const { return line_no_; }
  // Whether the last line read ended with a line break (not the input).
  bool terminated() const { return terminated_; }
  const Status& status() const { return status_; }

 private:
  std::unique_ptr<ByteStream> stream_;
  std::string name_;
  size_t max_;
  std::string buf_;
  size_t pos_ = 0;
  bool done_ = false;
  bool after_cr_ = false;
  bool terminated_ = false;
  std::uint64_t line_no_ = 0;
  Status status_;
};

std::string ListNameFor(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path p(path);
  std::string name = p.filename().string();
  bool stripped = true;
  while (stripped) {
    stripped = false;
    for (std::string_view ext : {".gz", ".json", ".jsonl", ".ndjson", ".ftm"}) {
      if (name.size() > ext.size() &&
          name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
        name.erase(name.size() - ext.size());
        stripped = true;
      }
    }
  }
  if (name == "entities" || name == "targets") {
    std::string parent = p.parent_path().filename().string();
    if (!parent.empty() && parent != "." && parent != "/") name = parent;
  }
  return name.empty() ? "ftm" : name;
}

std::optional<EntityKind> KindOf(std::string_view schema) {
  if (schema == "Person") return EntityKind::kPerson;
  if (schema == "Organization" || schema == "Company" ||
      schema == "LegalEntity" || schema == "PublicBody")
    return EntityKind::kOrganization;
  if (schema == "Vessel") return EntityKind::kVessel;
  if (schema == "Airplane") return EntityKind::kAircraft;
  return std::nullopt;
}

// An entity's properties as strings; nested entity objects stand for their
// id, other non-string values are dropped.
using Props = std::map<std::string, std::vector<std::string>>;

Props ReadProps(const json& obj) {
  Props out;
  auto it = obj.find("properties");
  if (it == obj.end() || !it->is_object()) return out;
  for (const auto& [key, values] : it->items()) {
    std::vector<std::string>& v = out[key];
    auto add = [&](const json& x) {
      if (x.is_string()) {
        std::string s = CleanText(x.get_ref<const std::string&>());
        if (!s.empty()) AddUnique(&v, s);
      } else if (x.is_object() && x.contains("id") && x["id"].is_string()) {
        AddUnique(&v, x["id"].get<std::string>());
      }
    };
    if (values.is_array()) {
      for (const json& x : values) add(x);
    } else {
      add(values);
    }
  }
  return out;
}

const std::vector<std::string>& Get(const Props& p, const std::string& key) {
  static const std::vector<std::string> kNone;
  auto it = p.find(key);
  return it == p.end() ? kNone : it->second;
}

std::string First(const Props& p, const std::string& key) {
  const auto& v = Get(p, key);
  return v.empty() ? "" : v.front();
}

// The longest of `values` that occurs in `name` (ASCII case ignored): FtM
// lists name parts without saying which name they belong to.
std::string PartIn(const std::string& name,
                   const std::vector<std::string>& values) {
  std::string low = AsciiLower(name);
  std::string best;
  for (const std::string& v : values)
    if (v.size() > best.size() && low.find(AsciiLower(v)) != std::string::npos)
      best = v;
  return best;
}

// Property -> identifier kind and label, in the order they are added.
struct IdProp {
  const char* prop;
  IdKind kind;
  const char* label;
};
constexpr IdProp kIdProps[] = {
    {"passportNumber", IdKind::kPassport, "Passport"},
    {"idNumber", IdKind::kNationalId, "ID number"},
    {"innCode", IdKind::kTaxId, "INN"},
    {"taxNumber", IdKind::kTaxId, "Tax number"},
    {"vatCode", IdKind::kTaxId, "VAT"},
    {"ogrnCode", IdKind::kRegistration, "OGRN"},
    {"okpoCode", IdKind::kRegistration, "OKPO"},
    {"registrationNumber", IdKind::kRegistration, "Registration number"},
    {"kppCode", IdKind::kOther, "KPP"},
    {"swiftBic", IdKind::kSwiftBic, "SWIFT/BIC"},
    {"bikCode", IdKind::kOther, "BIK"},
    {"leiCode", IdKind::kLei, "LEI"},
    {"imoNumber", IdKind::kImo, "IMO"},
    {"mmsi", IdKind::kMmsi, "MMSI"},
    {"callSign", IdKind::kCallSign, "Call sign"},
    {"serialNumber", IdKind::kAircraftSerial, "Serial number"},
    {"uniqueEntityId", IdKind::kOther, "SAM UEI"},
    {"permId", IdKind::kOther, "PermID"},
    {"email", IdKind::kEmail, "Email"},
    {"phone", IdKind::kPhone, "Phone"},
    {"website", IdKind::kWebsite, "Website"},
};

// Properties read by this loader (besides those in kIdProps); anything else
// on a loaded entity is counted as unknown.
const std::set<std::string>& MappedProps() {
  static const std::set<std::string> kProps = {"name",
                                               "alias",
                                               "weakAlias",
                                               "previousName",
                                               "abbreviation",
                                               "firstName",
                                               "middleName",
                                               "lastName",
                                               "fatherName",
                                               "secondName",
                                               "birthDate",
                                               "birthPlace",
                                               "birthCountry",
                                               "deathDate",
                                               "nationality",
                                               "citizenship",
                                               "country",
                                               "jurisdiction",
                                               "mainCountry",
                                               "gender",
                                               "title",
                                               "position",
                                               "flag",
                                               "type",
                                               "tonnage",
                                               "grossRegisteredTonnage",
                                               "owner",
                                               "operator",
                                               "model",
                                               "buildDate",
                                               "program",
                                               "programId",
                                               "topics",
                                               "notes",
                                               "summary",
                                               "description",
                                               "sourceUrl",
                                               "address",
                                               "addressEntity",
                                               "listingDate",
                                               "createdAt",
                                               "modifiedAt",
                                               "legalForm",
                                               "incorporationDate",
                                               "dissolutionDate",
                                               "status"};
  return kProps;
}

struct Pending {
  Entity entity;
  Props props;
};

class FtmLoader {
 public:
  FtmLoader(std::string path, size_t max_line)
      : path_(std::move(path)), max_line_(max_line) {}

  Result<EntityList> Load() {
    auto stream = OpenByteStream(path_);
    if (!stream.ok()) return stream.status();
    LineReader lines(std::move(*stream), path_, max_line_);
    list_.info.name = ListNameFor(path_);
    list_.info.format = "ftm";
    list_.info.files.push_back(path_);
    std::string line;
    while (lines.Next(&line)) {
      if (CleanText(line).empty()) continue;
      EMBARGO_RETURN_IF_ERROR(AddLine(line, lines.line(), !lines.terminated()));
    }
    if (!lines.status().ok()) return lines.status();
    EMBARGO_RETURN_IF_ERROR(Resolve());
    for (Pending& p : pending_) list_.entities.push_back(std::move(p.entity));
    return std::move(list_);
  }

 private:
  Status Fail(std::uint64_t line, std::string_view id, std::string_view field,
              std::string_view msg) {
    return Status::DataError(fmt::format("{}:{}: record {}: field {}: {}",
                                         path_, line, id, field, msg));
  }

  // `last` says the line ended with the input, not with a line break.
  Status AddLine(const std::string& line, std::uint64_t line_no, bool last) {
    if (size_t at = FindJsonDepthOverflow(line, kMaxJsonDepth);
        at != std::string::npos)
      return Status::LimitExceeded(
          fmt::format("{}:{}: JSON nested deeper than {} levels at byte {}",
                      path_, line_no, kMaxJsonDepth, at + 1));
    json obj;
    try {
      obj = json::parse(line);
    } catch (const json::parse_error& e) {
      // "[json.exception.parse_error.101] parse error at line 1, column 9:
      // syntax error ..." -> the part after the position.
      std::string what = e.what();
      size_t colon = what.find(": ");
      return Status::DataError(fmt::format(
          "{}:{}: invalid JSON at byte {}: {}{}", path_, line_no, e.byte,
          colon == std::string::npos ? what : what.substr(colon + 2),
          last && e.byte >= line.size()
              ? " (the last line ends early: file truncated?)"
              : ""));
    } catch (const json::exception& e) {
      // Not a syntax error but still a malformed line: a number too large
      // for a double is "[json.exception.out_of_range.406] number overflow
      // parsing '1e999'" (found by fuzz/fuzz_ftm.cc). Nothing may escape.
      std::string what = e.what();
      size_t close = what.find("] ");
      return Status::DataError(fmt::format(
          "{}:{}: invalid JSON: {}", path_, line_no,
          close == std::string::npos ? what : what.substr(close + 2)));
    }
    if (!obj.is_object())
      return Status::DataError(
          fmt::format("{}:{}: expected a JSON object, found {}", path_, line_no,
                      obj.type_name()));
    auto id_it = obj.find("id");
    if (id_it == obj.end() || !id_it->is_string() ||
        id_it->get_ref<const std::string&>().empty())
      return Fail(line_no, "(no id)", "id", "missing");
    std::string id = id_it->get<std::string>();
    auto [first, inserted] = line_of_.emplace(id, line_no);
    if (!inserted)
      return Fail(
          line_no, id, "id",
          fmt::format("duplicate of the record at line {}", first->second));
    auto schema_it = obj.find("schema");
    if (schema_it == obj.end() || !schema_it->is_string())
      return Fail(line_no, id, "schema", "missing");
    std::string schema = schema_it->get<std::string>();
    Props props = ReadProps(obj);

    if (auto refs = obj.find("referents");
        refs != obj.end() && refs->is_array())
      for (const json& r : *refs)
        if (r.is_string()) canonical_.emplace(r.get<std::string>(), id);
    if (auto cap = obj.find("caption"); cap != obj.end() && cap->is_string())
      caption_[id] = CleanText(cap->get<std::string>());

    auto kind = KindOf(schema);
    if (!kind) {
      ++list_.info.unknown_fields["schema:" + schema];
      if (schema == "Sanction") {
        sanctions_.push_back(std::move(props));
      } else if (schema == "Address") {
        addresses_.emplace(id, std::move(props));
      } else if (schema == "Passport" || schema == "Identification") {
        documents_.push_back({schema, std::move(props)});
      }
      return Status::Ok();
    }

    Pending p;
    Entity& e = p.entity;
    e.id = id;
    e.kind = *kind;
    e.provenance.list = list_.info.name;
    e.provenance.record_id = id;
    e.provenance.file = path_;
    e.provenance.line = line_no;
    // Not a structured binding: clang 14 (the asan-ubsan preset) cannot capture
    // one in a lambda.
    for (const auto& prop : props) {
      const auto& key = prop.first;
      if (!MappedProps().count(key) &&
          std::none_of(std::begin(kIdProps), std::end(kIdProps),
                       [&](const IdProp& ip) { return key == ip.prop; }))
        ++list_.info.unknown_fields[key];
    }

    EMBARGO_RETURN_IF_ERROR(AddNames(obj, props, line_no, &e));
    EMBARGO_RETURN_IF_ERROR(AddPersonal(props, line_no, &e));
    AddCountries(props, &e);
    for (const IdProp& ip : kIdProps)
      for (const std::string& v : Get(props, ip.prop))
        AddIdentifier(ip.kind, v, "", ip.label, &e);
    for (const std::string& code : Get(props, "programId"))
      AddProgram(code, "", &e);
    for (const std::string& name : Get(props, "program"))
      AddProgram(name, "", &e);
    for (const char* key : {"notes", "summary", "description"})
      for (const std::string& v : Get(props, key)) AddUnique(&e.remarks, v);
    for (const char* key : {"legalForm", "status"})
      for (const std::string& v : Get(props, key))
        AddUnique(&e.remarks, fmt::format("{}: {}", key, v));
    for (const char* key :
         {"incorporationDate", "dissolutionDate", "deathDate"})
      for (const std::string& v : Get(props, key))
        AddUnique(&e.remarks, fmt::format("{}: {}", key, v));
    if (!Get(props, "topics").empty())
      e.remarks.push_back("topics: " + Join(Get(props, "topics")));
    for (const std::string& v : Get(props, "sourceUrl"))
      AddUnique(&e.source_urls, v);
    for (const std::string& v : Get(props, "address")) {
      Address a;
      a.full = v;
      e.addresses.push_back(std::move(a));
    }
    if (auto ds = obj.find("datasets"); ds != obj.end() && ds->is_array()) {
      std::vector<std::string> names;
      for (const json& d : *ds)
        if (d.is_string()) names.push_back(d.get<std::string>());
      if (!names.empty()) e.remarks.push_back("datasets: " + Join(names));
    }
    if (auto t = obj.find("target");
        t != obj.end() && t->is_boolean() && !t->get<bool>())
      e.remarks.push_back(
          "not a sanctions target itself (FollowTheMoney target: false)");
    if (e.kind == EntityKind::kVessel) {
      e.vessel.flag_text = First(props, "flag");
      e.vessel.flag = CountryOf(e.vessel.flag_text);
      e.vessel.type = First(props, "type");
      e.vessel.tonnage = First(props, "tonnage");
      e.vessel.gross_registered_tonnage =
          First(props, "grossRegisteredTonnage");
      e.vessel.build_date = First(props, "buildDate");
    }
    if (e.kind == EntityKind::kAircraft) {
      e.aircraft.model = First(props, "model");
      e.aircraft.build_date = First(props, "buildDate");
    }
    p.props = std::move(props);
    index_.emplace(id, pending_.size());
    pending_.push_back(std::move(p));
    return Status::Ok();
  }

  static std::string Join(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) {
      if (!out.empty()) out += ", ";
      out += s;
    }
    return out;
  }

  Status AddNames(const json& obj, const Props& props, std::uint64_t line,
                  Entity* e) {
    std::string primary;
    if (auto cap = obj.find("caption"); cap != obj.end() && cap->is_string())
      primary = CleanText(cap->get<std::string>());
    if (primary.empty()) primary = First(props, "name");
    if (primary.empty())
      return Fail(line, e->id, "name", "the entity has no name");
    auto add = [&](const std::string& full, NameType type, NameQuality q) {
      for (const Name& have : e->names)
        if (have.full == full) return;
      Name n;
      n.full = full;
      n.type = type;
      n.quality = q;
      n.original_script = HasNonLatinLetters(full);
      e->names.push_back(std::move(n));
    };
    add(primary, NameType::kPrimary, NameQuality::kUnspecified);
    NameParts& parts = e->names.front().parts;
    parts.given = PartIn(primary, Get(props, "firstName"));
    parts.middle = PartIn(primary, Get(props, "middleName"));
    parts.family = PartIn(primary, Get(props, "lastName"));
    parts.patronymic = PartIn(primary, Get(props, "fatherName"));
    parts.other = PartIn(primary, Get(props, "secondName"));
    for (const std::string& n : Get(props, "name"))
      add(n, NameType::kAka, NameQuality::kUnspecified);
    for (const std::string& n : Get(props, "alias"))
      add(n, NameType::kAka, NameQuality::kUnspecified);
    for (const std::string& n : Get(props, "abbreviation"))
      add(n, NameType::kAka, NameQuality::kUnspecified);
    for (const std::string& n : Get(props, "weakAlias"))
      add(n, NameType::kAka, NameQuality::kWeak);
    for (const std::string& n : Get(props, "previousName"))
      add(n, NameType::kFka, NameQuality::kUnspecified);
    return Status::Ok();
  }

  Status AddPersonal(const Props& props, std::uint64_t line, Entity* e) {
    for (const std::string& d : Get(props, "birthDate")) {
      auto spec = ParseDateSpec(d);
      if (!spec)
        return Fail(line, e->id, "birthDate",
                    fmt::format("impossible date '{}'", d));
      e->birth_dates.push_back(std::move(*spec));
    }
    for (const std::string& p : Get(props, "birthPlace"))
      AddUnique(&e->birth_places, p);
    for (const std::string& c : Get(props, "birthCountry")) {
      std::string code = CountryOf(c);
      std::string_view name = CountryName(code);
      AddUnique(&e->birth_places, name.empty() ? c : std::string(name));
    }
    for (const std::string& g : Get(props, "gender")) {
      if (g == "male") e->gender = Gender::kMale;
      if (g == "female") e->gender = Gender::kFemale;
    }
    for (const std::string& t : Get(props, "title")) AddUnique(&e->titles, t);
    for (const std::string& p : Get(props, "position"))
      AddUnique(&e->positions, p);
    for (const char* key : {"listingDate", "createdAt"}) {
      if (!e->listed_on.empty()) break;
      for (const std::string& d : Get(props, key)) {
        auto date = ParsePartialDate(d);
        if (!date)
          return Fail(line, e->id, key, fmt::format("impossible date '{}'", d));
        if (e->listed_on.empty() || date->ToString() < e->listed_on.ToString())
          e->listed_on = *date;
      }
    }
    return Status::Ok();
  }

  // FtM country values are lower-case ISO codes ("ru"), with a few of its own
  // ("suhh" for the USSR); names are accepted too.
  std::string CountryOf(const std::string& value) {
    if (value.empty()) return "";
    std::string upper = value;
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (upper.size() == 2 && IsCountryCode(upper)) return upper;
    std::string code = CountryCode(value);
    if (!code.empty()) return code;
    if (warned_.insert(value).second)
      list_.info.warnings.push_back(
          fmt::format("unmapped country '{}'", value));
    return "";
  }

  void AddCountries(const Props& props, Entity* e) {
    for (const std::string& c : Get(props, "nationality"))
      if (std::string code = CountryOf(c); !code.empty())
        AddUnique(&e->nationalities, code);
    for (const std::string& c : Get(props, "citizenship"))
      if (std::string code = CountryOf(c); !code.empty())
        AddUnique(&e->citizenships, code);
    for (const char* key : {"country", "jurisdiction", "mainCountry"})
      for (const std::string& c : Get(props, key))
        if (std::string code = CountryOf(c); !code.empty())
          AddUnique(&e->countries, code);
  }

  static void AddIdentifier(IdKind kind, const std::string& value,
                            const std::string& country,
                            const std::string& label, Entity* e) {
    for (const Identifier& have : e->identifiers)
      if (have.kind == kind && have.value == value) return;
    Identifier id;
    id.kind = kind;
    id.value = value;
    id.country = country;
    id.label = label;
    e->identifiers.push_back(std::move(id));
  }

  static void AddProgram(const std::string& code, const std::string& name,
                         Entity* e) {
    for (Program& p : e->programs) {
      if (p.code == code) {
        if (p.name.empty()) p.name = name;
        return;
      }
    }
    e->programs.push_back(Program{code, name});
  }

  // The loaded entity an id or referent names, or nullptr.
  Pending* Find(const std::string& ref) {
    auto it = index_.find(ref);
    if (it == index_.end()) {
      auto c = canonical_.find(ref);
      if (c == canonical_.end()) return nullptr;
      it = index_.find(c->second);
      if (it == index_.end()) return nullptr;
    }
    return &pending_[it->second];
  }

  std::string CaptionOf(const std::string& ref) {
    std::string id = ref;
    if (auto c = canonical_.find(ref); c != canonical_.end()) id = c->second;
    auto it = caption_.find(id);
    return it == caption_.end() || it->second.empty() ? ref : it->second;
  }

  Status Resolve() {
    for (const Props& s : sanctions_) {
      std::string program_id = First(s, "programId");
      std::string program = First(s, "program");
      for (const std::string& ref : Get(s, "entity")) {
        Pending* p = Find(ref);
        if (!p) continue;
        Entity& e = p->entity;
        if (!program_id.empty() || !program.empty())
          AddProgram(program_id.empty() ? program : program_id, program, &e);
        for (const std::string& url : Get(s, "sourceUrl"))
          AddUnique(&e.source_urls, url);
        for (const char* key : {"listingDate", "startDate"}) {
          for (const std::string& d : Get(s, key)) {
            auto date = ParsePartialDate(d);
            if (!date) continue;
            PartialDate& best = std::string_view(key) == "listingDate"
                                    ? listing_[e.id]
                                    : start_[e.id];
            if (best.empty() || date->ToString() < best.ToString())
              best = *date;
          }
        }
        std::string authority = First(s, "authority");
        if (!authority.empty())
          AddUnique(&e.remarks, program.empty()
                                    ? "sanctioned by " + authority
                                    : fmt::format("sanctioned by {}: {}",
                                                  authority, program));
      }
    }
    for (Pending& p : pending_) {
      Entity& e = p.entity;
      // A Sanction's listing date, else its start, beats the entity's own
      // listingDate or createdAt.
      if (auto it = listing_.find(e.id); it != listing_.end()) {
        e.listed_on = it->second;
      } else if (auto st = start_.find(e.id); st != start_.end()) {
        e.listed_on = st->second;
      }
      for (const std::string& ref : Get(p.props, "addressEntity")) {
        std::string id = ref;
        if (auto c = canonical_.find(ref); c != canonical_.end())
          id = c->second;
        auto it = addresses_.find(id);
        if (it == addresses_.end()) continue;
        const Props& a = it->second;
        Address addr;
        addr.street = First(a, "street");
        if (std::string po = First(a, "postOfficeBox"); !po.empty())
          addr.street += (addr.street.empty() ? "" : ", ") + po;
        addr.city = First(a, "city");
        addr.region = First(a, "region");
        addr.postal_code = First(a, "postalCode");
        addr.country_text = First(a, "country");
        addr.country = CountryOf(addr.country_text);
        addr.full = First(a, "full");
        if (addr.full.empty())
          addr.full =
              CleanText(fmt::format("{}, {} {}, {}", addr.street,
                                    addr.postal_code, addr.city, addr.region));
        bool dup = false;
        for (Address& have : e.addresses) {
          if (have.full == addr.full) {
            have = addr;  // the structured form of a plain "address" value
            dup = true;
          }
        }
        if (!dup) e.addresses.push_back(std::move(addr));
      }
      if (e.kind == EntityKind::kVessel)
        for (const char* key : {"owner", "operator"})
          if (e.vessel.owner.empty() && !First(p.props, key).empty())
            e.vessel.owner = CaptionOf(First(p.props, key));
      if (e.kind == EntityKind::kAircraft &&
          !First(p.props, "operator").empty())
        e.aircraft.operator_name = CaptionOf(First(p.props, "operator"));
    }
    for (const auto& [schema, d] : documents_) {
      for (const std::string& ref : Get(d, "holder")) {
        Pending* p = Find(ref);
        if (!p) continue;
        for (const std::string& number : Get(d, "number"))
          AddIdentifier(
              schema == "Passport" ? IdKind::kPassport : IdKind::kOther, number,
              CountryOf(First(d, "country")),
              First(d, "type").empty() ? schema : First(d, "type"), &p->entity);
      }
    }
    return Status::Ok();
  }

  std::string path_;
  size_t max_line_;
  EntityList list_;
  std::vector<Pending> pending_;
  std::unordered_map<std::string, size_t> index_;
  std::unordered_map<std::string, std::uint64_t> line_of_;
  std::unordered_map<std::string, std::string> canonical_;  // referent -> id
  std::unordered_map<std::string, std::string> caption_;
  std::vector<Props> sanctions_;
  std::unordered_map<std::string, Props> addresses_;
  std::vector<std::pair<std::string, Props>> documents_;
  std::map<std::string, PartialDate> listing_;  // entity id -> earliest
  std::map<std::string, PartialDate> start_;
  std::set<std::string> warned_;
};

}  // namespace

Result<EntityList> LoadFtmWithLimit(const std::string& path,
                                    size_t max_line_bytes) {
  return FtmLoader(path, max_line_bytes).Load();
}

Result<EntityList> LoadFtm(const std::string& path) {
  return LoadFtmWithLimit(path, kMaxLineBytes);
}

}  // namespace embargo::internal
