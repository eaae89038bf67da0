// OFAC's XML publications, SDN.XML and CONSOLIDATED.XML (the non-SDN
// lists): <sdnList> with one <publshInformation> and one <sdnEntry> per
// listed person, organization, vessel or aircraft, read record by record
// with XmlRecordReader.
//
// Choices worth knowing:
// - Which list. Both files share one schema, and both have been published
//   under the old namespace (http://tempuri.org/sdnList.xsd) and the new one
//   (https://sanctionslistservice.ofac.treas.gov/...), so the content does
//   not tell them apart; OFAC's file names do. A file whose name contains
//   "cons" (consolidated.xml, CONS_PRIM.XML, cons.xml.gz) is the
//   consolidated non-SDN list: list "ofac_cons", ids "ofac-cons-<uid>".
//   Any other file is the SDN list: "ofac_sdn", ids "ofac-<uid>". The uid is
//   the ent_num of the CSV files, so both loaders give one entity one id.
// - Names are shown as OFAC shows them: "lastName, firstName" (or lastName
//   alone); people get given/family parts.
// - idList holds more than identifiers. Its idType keys are classified with
//   the table the CSV remarks parser uses (ParseOfacRemarks), so a key means
//   the same in both formats: "Gender" sets the gender, "Nationality of
//   Registration" a country link, "Vessel Year of Build" and "Aircraft ..."
//   the vessel and aircraft fields, sanctions notes ("Secondary sanctions
//   risk:", directive and listing dates, "Target Type") become remarks, and
//   the rest are identifiers. One deliberate difference: "Legal Entity
//   Number" is an LEI (20 characters, ISO 17442), so it is kLei here.
// - publshInformation/Record_Count is checked against the entries read; a
//   mismatch (the shared 2020 excerpt says 8197 for its 8 entries) is a
//   warning, not an error.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "embargo/country.h"
#include "model/ascii.h"
#include "model/date.h"
#include "sources/io.h"
#include "sources/loaders.h"
#include "sources/ofac_remarks.h"
#include "sources/xml_reader.h"

namespace embargo::internal {
namespace {

constexpr std::string_view kRootName = "sdnList";

// Children the loader reads (or, for the item uids and mainEntry flags,
// deliberately skips), per parent element.
constexpr auto kEntryFields = std::to_array<std::string_view>(
    {"uid", "firstName", "lastName", "title", "sdnType", "remarks",
     "programList", "idList", "akaList", "addressList", "nationalityList",
     "citizenshipList", "dateOfBirthList", "placeOfBirthList", "vesselInfo"});
constexpr auto kIdFields = std::to_array<std::string_view>(
    {"uid", "idType", "idNumber", "idCountry", "issueDate", "expirationDate"});
constexpr auto kAkaFields = std::to_array<std::string_view>(
    {"uid", "type", "category", "lastName", "firstName"});
constexpr auto kAddressFields = std::to_array<std::string_view>(
    {"uid", "address1", "address2", "address3", "city", "stateOrProvince",
     "postalCode", "country"});
constexpr auto kCountryItemFields =
    std::to_array<std::string_view>({"uid", "country", "mainEntry"});
constexpr auto kDobFields =
    std::to_array<std::string_view>({"uid", "dateOfBirth", "mainEntry"});
constexpr auto kPobFields =
    std::to_array<std::string_view>({"uid", "placeOfBirth", "mainEntry"});
constexpr auto kVesselFields = std::to_array<std::string_view>(
    {"callSign", "vesselType", "vesselFlag", "vesselOwner", "tonnage",
     "grossRegisteredTonnage"});
constexpr auto kPublishFields =
    std::to_array<std::string_view>({"Publish_Date", "Record_Count"});

// The element's name without a namespace prefix.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  if (size_t colon = name.find(':'); colon != std::string_view::npos)
    name.remove_prefix(colon + 1);
  return name;
}

// The first child element with local name `name`.
pugi::xml_node ChildNode(const pugi::xml_node& node, std::string_view name) {
  for (const pugi::xml_node& c : node.children())
    if (c.type() == pugi::node_element && LocalName(c) == name) return c;
  return pugi::xml_node();
}

std::string Field(const pugi::xml_node& node, std::string_view name) {
  return CleanText(ChildNode(node, name).text().as_string());
}

// Child elements with local name `name`.
std::vector<pugi::xml_node> Children(const pugi::xml_node& node,
                                     std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (const pugi::xml_node& c : node.children())
    if (c.type() == pugi::node_element && LocalName(c) == name)
      out.push_back(c);
  return out;
}

void AppendJoined(std::string* out, std::string_view part,
                  std::string_view sep) {
  if (part.empty()) return;
  if (!out->empty()) *out += sep;
  *out += part;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// True if `text` holds a date that names a day its month does not have, in
// one of the forms OFAC writes ("31 Feb 1970", "1970-02-31", "31/02/1970";
// a range's ends are checked one by one). Such a date is an error; other
// text that is no date is kept as text.
bool HasImpossibleDate(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun",
      "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string low = AsciiLower(text);
  for (char& c : low)
    if (c == '-' || c == '/' || c == ',' || c == '.') c = ' ';
  std::vector<std::string> words;
  size_t i = 0;
  while (i < low.size()) {
    while (i < low.size() && low[i] == ' ') ++i;
    size_t j = i;
    while (j < low.size() && low[j] != ' ') ++j;
    if (j > i) words.push_back(low.substr(i, j - i));
    i = j;
  }
  auto month_of = [&](const std::string& w) {
    if (AllDigits(w) && w.size() <= 2) return std::stoi(w);
    for (size_t m = 0; m < kMonths.size(); ++m)
      if (w.size() >= 3 && w.compare(0, 3, kMonths[m]) == 0)
        return static_cast<int>(m) + 1;
    return 0;
  };
  for (size_t k = 0; k + 2 < words.size(); ++k) {
    const std::string& a = words[k];
    const std::string& b = words[k + 1];
    const std::string& c = words[k + 2];
    int y = 0, m = 0, d = 0;
    if (AllDigits(a) && a.size() <= 2 && AllDigits(c) && c.size() == 4) {
      d = std::stoi(a);  // 31 Feb 1970, 31/02/1970
      m = month_of(b);
      y = std::stoi(c);
    } else if (AllDigits(a) && a.size() == 4 && AllDigits(c) && c.size() <= 2) {
      y = std::stoi(a);  // 1970-02-31
      m = month_of(b);
      d = std::stoi(c);
    } else {
      continue;
    }
    if (m == 0) continue;
    if (m > 12 || !IsValidPartialDate(y, m, d)) return true;
  }
  return false;
}

// libxml2 stops at the first byte that is not UTF-8 and names only the
// line. On that error the file is scanned once more to name the element and
// the sdnEntry around the byte.
Status DescribeBadUtf8(const std::string& path, const Status& original) {
  if (original.message().find("UTF-8") == std::string::npos) return original;
  auto data = ReadFileContents(path);
  if (!data.ok()) return original;
  std::string_view text = *data;
  constexpr size_t npos = std::string_view::npos;
  size_t at = FindInvalidUtf8(text);
  if (at == npos) return original;
  std::string field = "?";
  size_t lt = text.rfind('<', at);
  if (lt != npos && lt + 1 < text.size() && text[lt + 1] != '/') {
    size_t end = text.find_first_of(" >/", lt + 1);
    if (end != npos && end < at)
      field = std::string(text.substr(lt + 1, end - lt - 1));
  }
  std::string record = "?";
  if (size_t start = text.rfind("<sdnEntry>", at); start != npos) {
    constexpr std::string_view kTag = "<uid>";
    size_t uid = text.find(kTag, start);
    if (uid != npos && uid < text.find("</sdnEntry>", start)) {
      size_t b = uid + kTag.size();
      size_t e = text.find('<', b);
      if (e != npos) record = CleanText(text.substr(b, e - b));
    }
  }
  return Status::DataError(
      fmt::format("{}:{}: record {}: field {}: invalid UTF-8 (byte 0x{:02X})",
                  path, LineOfOffset(text, at), record, field,
                  static_cast<unsigned char>(text[at])));
}

class OfacXmlLoader {
 public:
  explicit OfacXmlLoader(const std::string& path) : path_(path) {
    std::string file =
        AsciiLower(std::filesystem::path(path).filename().string());
    consolidated_ = file.find("cons") != std::string::npos;
  }

  Result<EntityList> Load();

 private:
  Status Error(std::string_view field, std::string_view what) const {
    return Status::DataError(fmt::format("{}:{}: record {}: field {}: {}",
                                         path_, line_, uid_, field, what));
  }
  void Warn(std::string message) {
    if (warned_.insert(message).second)
      list_.info.warnings.push_back(std::move(message));
  }
  std::string Country(std::string_view text) {
    if (text.empty()) return "";
    std::string code = CountryCode(text);
    if (code.empty()) Warn(fmt::format("unmapped country '{}'", text));
    return code;
  }
  template <size_t N>
  void CountUnknown(const pugi::xml_node& node, std::string_view parent,
                    const std::array<std::string_view, N>& known) {
    for (const pugi::xml_node& c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = LocalName(c);
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      ++list_.info.unknown_fields[fmt::format("{}/{}", parent, name)];
    }
  }
  // Counts unknown children of a list element (e.g. <akaList>), whose only
  // known child is `item`.
  void CountUnknownItems(const pugi::xml_node& list, std::string_view item) {
    for (const pugi::xml_node& c : list.children()) {
      if (c.type() != pugi::node_element || LocalName(c) == item) continue;
      ++list_.info.unknown_fields[fmt::format("{}/{}", LocalName(list),
                                              LocalName(c))];
    }
  }
  // A date field that may not name an impossible day.
  Status CheckDate(std::string_view field, std::string_view text) const {
    if (HasImpossibleDate(text))
      return Error(field, fmt::format("impossible date '{}'", text));
    return Status::Ok();
  }

  Status ParsePublishInformation(const XmlRecord& record);
  Status ParseEntry(const XmlRecord& record);
  Status ParseId(const pugi::xml_node& node, Entity* e);
  Status ParseBirthDate(const pugi::xml_node& node, Entity* e);

  const std::string& path_;
  bool consolidated_ = false;
  EntityList list_;
  std::set<std::string> warned_;
  std::unordered_map<std::string, std::uint64_t> seen_uids_;
  bool have_record_count_ = false;
  std::uint64_t record_count_ = 0;
  // The record being parsed, for messages.
  std::uint64_t line_ = 0;
  std::string uid_;
};

Status OfacXmlLoader::ParsePublishInformation(const XmlRecord& record) {
  line_ = record.line;
  CountUnknown(record.node, "publshInformation", kPublishFields);
  auto error = [&](std::string_view field, std::string_view what) {
    return Status::DataError(fmt::format(
        "{}:{}: publshInformation: field {}: {}", path_, line_, field, what));
  };
  std::string date = Field(record.node, "Publish_Date");
  if (!date.empty()) {
    auto d = ParsePartialDate(date, DateOrder::kMonthFirst);
    if (!d) {
      return error("Publish_Date",
                   HasImpossibleDate(date)
                       ? fmt::format("impossible date '{}'", date)
                       : fmt::format("unrecognized date '{}'", date));
    }
    list_.info.published = *d;
  }
  std::string count = Field(record.node, "Record_Count");
  if (!count.empty()) {
    if (!AllDigits(count) || count.size() > 9)
      return error("Record_Count", fmt::format("not a count: '{}'", count));
    record_count_ = std::stoull(count);
    have_record_count_ = true;
  }
  return Status::Ok();
}

Status OfacXmlLoader::ParseId(const pugi::xml_node& node, Entity* e) {
  CountUnknown(node, "id", kIdFields);
  std::string type = Field(node, "idType");
  std::string number = Field(node, "idNumber");
  std::string country_text = Field(node, "idCountry");
  std::string issued = Field(node, "issueDate");
  std::string expires = Field(node, "expirationDate");
  EMBARGO_RETURN_IF_ERROR(CheckDate("idList/id/issueDate", issued));
  EMBARGO_RETURN_IF_ERROR(CheckDate("idList/id/expirationDate", expires));
  if (number.empty()) return Status::Ok();
  // "Secondary sanctions risk:" and "... Directive Determination -" end in
  // punctuation that is not part of the label.
  std::string label = type;
  while (!label.empty() &&
         (label.back() == ':' || label.back() == '-' || label.back() == ' '))
    label.pop_back();

  if (label == "Gender") {
    std::string g = AsciiLower(number);
    if (g == "male") {
      e->gender = Gender::kMale;
      return Status::Ok();
    }
    if (g == "female") {
      e->gender = Gender::kFemale;
      return Status::Ok();
    }
  }

  // The CSV remarks parser knows every key; ask it what this one is. "; "
  // would split the probe into two segments, so it is masked.
  std::string probe_value = number;
  for (size_t p = probe_value.find("; "); p != std::string::npos;
       p = probe_value.find("; ", p))
    probe_value[p] = ',';
  OfacRemarks probe = ParseOfacRemarks(label + " " + probe_value);

  std::string remark = label.empty() ? number : label + ": " + number;
  if (!probe.info.empty() || !probe.established_dates.empty() ||
      !probe.positions.empty()) {
    if (!probe.established_dates.empty())
      EMBARGO_RETURN_IF_ERROR(CheckDate("idList/id/idNumber", number));
    e->remarks.push_back(std::move(remark));
    return Status::Ok();
  }
  if (!probe.registration_countries.empty()) {
    std::string code = Country(number);
    if (code.empty()) {
      e->remarks.push_back(std::move(remark));
    } else if (std::find(e->countries.begin(), e->countries.end(), code) ==
               e->countries.end()) {
      e->countries.push_back(std::move(code));
    }
    return Status::Ok();
  }
  if (!probe.vessel_build_year.empty()) {
    e->vessel.build_date = number;
    return Status::Ok();
  }
  if (!probe.aircraft_model.empty()) {
    e->aircraft.model = number;
    return Status::Ok();
  }
  if (!probe.aircraft_operator.empty()) {
    e->aircraft.operator_name = number;
    return Status::Ok();
  }
  if (!probe.aircraft_build_date.empty()) {
    EMBARGO_RETURN_IF_ERROR(CheckDate("idList/id/idNumber", number));
    e->aircraft.build_date = number;
    return Status::Ok();
  }

  Identifier id;
  id.kind = probe.identifiers.empty() ? IdKind::kOther
                                      : probe.identifiers.front().kind;
  id.label = label;
  id.value = number;
  if (label == "Legal Entity Number") id.kind = IdKind::kLei;
  if (id.kind == IdKind::kImo) {
    // "IMO 9187629" -> "9187629".
    std::string digits;
    for (char c : number)
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    if (!digits.empty()) id.value = digits;
  } else if (label == "Vessel Registration Identification" &&
             number.rfind("IMO", 0) == 0) {
    id.kind = IdKind::kImo;
    std::string digits;
    for (char c : number)
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    id.value = digits;
  }
  id.country = Country(country_text);
  if (id.country.empty() && !country_text.empty())
    AppendJoined(&id.notes, "issued by " + country_text, "; ");
  if (!issued.empty()) AppendJoined(&id.notes, "issued " + issued, "; ");
  if (!expires.empty()) AppendJoined(&id.notes, "expires " + expires, "; ");
  for (const Identifier& other : e->identifiers)
    if (other.kind == id.kind && other.value == id.value &&
        other.label == id.label && other.country == id.country)
      return Status::Ok();
  e->identifiers.push_back(std::move(id));
  return Status::Ok();
}

Status OfacXmlLoader::ParseBirthDate(const pugi::xml_node& node, Entity* e) {
  CountUnknown(node, "dateOfBirthItem", kDobFields);
  std::string text = Field(node, "dateOfBirth");
  if (text.empty()) return Status::Ok();
  // "circa-1951" appears beside the usual "circa 1951".
  std::string normalized = text;
  if (AsciiLower(normalized).rfind("circa-", 0) == 0) normalized[5] = ' ';
  auto spec = ParseDateSpec(normalized);
  if (!spec) {
    if (HasImpossibleDate(text))
      return Error("dateOfBirth", fmt::format("impossible date '{}'", text));
    Warn(
        fmt::format("{}:{}: record {}: field dateOfBirth: unrecognized date "
                    "'{}' (kept in remarks)",
                    path_, line_, uid_, text));
    e->remarks.push_back("DOB " + text);
    return Status::Ok();
  }
  spec->text = text;
  for (const DateSpec& d : e->birth_dates)
    if (d.ToString() == spec->ToString()) return Status::Ok();
  e->birth_dates.push_back(std::move(*spec));
  return Status::Ok();
}

Status OfacXmlLoader::ParseEntry(const XmlRecord& record) {
  const pugi::xml_node& node = record.node;
  line_ = record.line;
  uid_ = Field(node, "uid");
  if (uid_.empty()) {
    uid_ = "<sdnEntry>";
    return Error("uid", "missing");
  }
  if (!AllDigits(uid_))
    return Error("uid", fmt::format("not a number: '{}'", uid_));
  auto [first, inserted] = seen_uids_.emplace(uid_, line_);
  if (!inserted)
    return Error("uid",
                 fmt::format("duplicated (first at line {})", first->second));
  CountUnknown(node, "sdnEntry", kEntryFields);

  Entity e;
  e.id = (consolidated_ ? "ofac-cons-" : "ofac-") + uid_;
  e.provenance.list = list_.info.name;
  e.provenance.record_id = uid_;
  e.provenance.published = list_.info.published;
  e.provenance.file = path_;
  e.provenance.line = line_;
  e.source_urls.push_back(fmt::format(
      "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}", uid_));

  std::string type = Field(node, "sdnType");
  if (type.empty()) return Error("sdnType", "missing");
  if (type == "Individual") {
    e.kind = EntityKind::kPerson;
  } else if (type == "Entity") {
    e.kind = EntityKind::kOrganization;
  } else if (type == "Vessel") {
    e.kind = EntityKind::kVessel;
  } else if (type == "Aircraft") {
    e.kind = EntityKind::kAircraft;
  } else {
    return Error("sdnType", fmt::format("unknown type '{}'", type));
  }

  auto make_name = [&](const pugi::xml_node& n) {
    Name name;
    std::string first_name = Field(n, "firstName");
    std::string last_name = Field(n, "lastName");
    name.full = last_name;
    AppendJoined(&name.full, first_name, ", ");
    // A lone lastName on a person is a nickname or mononym ("TATA JI"), not
    // a surname.
    if (e.kind == EntityKind::kPerson && !first_name.empty()) {
      name.parts.given = first_name;
      name.parts.family = last_name;
    }
    name.original_script = HasNonLatinLetters(name.full);
    return name;
  };
  if (Field(node, "lastName").empty())
    return Error("lastName", "empty (no name)");
  e.names.push_back(make_name(node));

  if (std::string title = Field(node, "title"); !title.empty())
    e.titles.push_back(std::move(title));
  if (std::string remarks = Field(node, "remarks"); !remarks.empty())
    e.remarks.push_back(std::move(remarks));

  for (const pugi::xml_node& list : Children(node, "programList")) {
    CountUnknownItems(list, "program");
    for (const pugi::xml_node& p : Children(list, "program")) {
      std::string code = CleanText(p.text().as_string());
      if (code.empty()) continue;
      bool dup = std::any_of(e.programs.begin(), e.programs.end(),
                             [&](const Program& q) { return q.code == code; });
      if (!dup) e.programs.push_back(Program{std::move(code), ""});
    }
  }
  for (const pugi::xml_node& list : Children(node, "akaList")) {
    CountUnknownItems(list, "aka");
    for (const pugi::xml_node& a : Children(list, "aka")) {
      CountUnknown(a, "aka", kAkaFields);
      Name name = make_name(a);
      if (name.full.empty()) continue;
      std::string t = Field(a, "type");
      if (t == "a.k.a.") {
        name.type = NameType::kAka;
      } else if (t == "f.k.a.") {
        name.type = NameType::kFka;
      } else if (t == "n.k.a.") {
        name.type = NameType::kNka;
      } else {
        return Error("aka/type", fmt::format("unknown alias type '{}'", t));
      }
      std::string category = Field(a, "category");
      if (category == "strong") {
        name.quality = NameQuality::kStrong;
      } else if (category == "weak") {
        name.quality = NameQuality::kWeak;
      } else if (!category.empty()) {
        return Error("aka/category",
                     fmt::format("unknown category '{}'", category));
      }
      e.names.push_back(std::move(name));
    }
  }
  for (const pugi::xml_node& list : Children(node, "idList")) {
    CountUnknownItems(list, "id");
    for (const pugi::xml_node& id : Children(list, "id"))
      EMBARGO_RETURN_IF_ERROR(ParseId(id, &e));
  }
  for (const pugi::xml_node& list : Children(node, "addressList")) {
    CountUnknownItems(list, "address");
    for (const pugi::xml_node& n : Children(list, "address")) {
      CountUnknown(n, "address", kAddressFields);
      Address a;
      for (const char* line : {"address1", "address2", "address3"})
        AppendJoined(&a.street, Field(n, line), ", ");
      a.city = Field(n, "city");
      a.region = Field(n, "stateOrProvince");
      a.postal_code = Field(n, "postalCode");
      a.country_text = Field(n, "country");
      for (const std::string* part :
           {&a.street, &a.city, &a.region, &a.postal_code, &a.country_text})
        AppendJoined(&a.full, *part, ", ");
      if (a.full.empty()) continue;
      a.country = Country(a.country_text);
      e.addresses.push_back(std::move(a));
    }
  }
  for (std::string_view which : {"nationality", "citizenship"}) {
    std::vector<std::string>& out =
        which == "nationality" ? e.nationalities : e.citizenships;
    for (const pugi::xml_node& list :
         Children(node, fmt::format("{}List", which))) {
      CountUnknownItems(list, which);
      for (const pugi::xml_node& n : Children(list, which)) {
        CountUnknown(n, which, kCountryItemFields);
        std::string text = Field(n, "country");
        if (text.empty()) continue;
        std::string code = Country(text);
        if (code.empty()) {
          e.remarks.push_back(fmt::format(
              "{} {}", which == "nationality" ? "nationality" : "citizen",
              text));
        } else if (std::find(out.begin(), out.end(), code) == out.end()) {
          out.push_back(std::move(code));
        }
      }
    }
  }
  for (const pugi::xml_node& list : Children(node, "dateOfBirthList")) {
    CountUnknownItems(list, "dateOfBirthItem");
    for (const pugi::xml_node& n : Children(list, "dateOfBirthItem"))
      EMBARGO_RETURN_IF_ERROR(ParseBirthDate(n, &e));
  }
  for (const pugi::xml_node& list : Children(node, "placeOfBirthList")) {
    CountUnknownItems(list, "placeOfBirthItem");
    for (const pugi::xml_node& n : Children(list, "placeOfBirthItem")) {
      CountUnknown(n, "placeOfBirthItem", kPobFields);
      std::string place = Field(n, "placeOfBirth");
      if (place.empty() ||
          std::find(e.birth_places.begin(), e.birth_places.end(), place) !=
              e.birth_places.end())
        continue;
      e.birth_places.push_back(std::move(place));
    }
  }
  if (pugi::xml_node v = ChildNode(node, "vesselInfo")) {
    CountUnknown(v, "vesselInfo", kVesselFields);
    std::string call_sign = Field(v, "callSign");
    if (!call_sign.empty()) {
      Identifier id;
      id.kind = IdKind::kCallSign;
      id.value = call_sign;
      id.label = "Call Sign";
      e.identifiers.push_back(std::move(id));
    }
    e.vessel.type = Field(v, "vesselType");
    e.vessel.flag_text = Field(v, "vesselFlag");
    e.vessel.flag = Country(e.vessel.flag_text);
    e.vessel.owner = Field(v, "vesselOwner");
    e.vessel.tonnage = Field(v, "tonnage");
    e.vessel.gross_registered_tonnage = Field(v, "grossRegisteredTonnage");
  }
  list_.entities.push_back(std::move(e));
  return Status::Ok();
}

Result<EntityList> OfacXmlLoader::Load() {
  list_.info.name = consolidated_ ? "ofac_cons" : "ofac_sdn";
  list_.info.format = "ofac_xml";
  list_.info.files.push_back(path_);
  auto head = ReadFilePrefix(path_, 1);
  if (!head.ok()) return head.status();
  if (head->empty())
    return Status::DataError(fmt::format("{}: the file is empty", path_));
  auto reader_or = XmlRecordReader::OpenFile(path_);
  if (!reader_or.ok()) return reader_or.status();
  XmlRecordReader& reader = **reader_or;
  XmlRecord record;
  bool root_checked = false;
  while (reader.Next({"publshInformation", "sdnEntry"}, &record)) {
    if (!root_checked) {
      if (reader.root_name() != kRootName)
        return Status::DataError(
            fmt::format("{}: root element is <{}>, not <{}>", path_,
                        reader.root_name(), kRootName));
      root_checked = true;
    }
    if (record.name == "publshInformation") {
      EMBARGO_RETURN_IF_ERROR(ParsePublishInformation(record));
    } else {
      EMBARGO_RETURN_IF_ERROR(ParseEntry(record));
    }
  }
  if (!reader.status().ok()) return DescribeBadUtf8(path_, reader.status());
  if (reader.root_name() != kRootName)
    return Status::DataError(fmt::format("{}: root element is <{}>, not <{}>",
                                         path_, reader.root_name(), kRootName));
  if (list_.entities.empty())
    return Status::DataError(fmt::format("{}: no sdnEntry records", path_));
  // The schema puts publshInformation first; should it ever come last, the
  // date still reaches every entity.
  for (Entity& e : list_.entities)
    e.provenance.published = list_.info.published;
  if (have_record_count_ && record_count_ != list_.entities.size())
    list_.info.warnings.push_back(fmt::format(
        "{}: publshInformation/Record_Count says {} but the file has {} "
        "sdnEntry records",
        path_, record_count_, list_.entities.size()));
  return std::move(list_);
}

}  // namespace

Result<EntityList> LoadOfacXml(const std::string& path) {
  OfacXmlLoader loader(path);
  return loader.Load();
}

}  // namespace embargo::internal
