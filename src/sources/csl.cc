// Loader for the US Consolidated Screening List (trade.gov CSL) CSV export,
// plain or gzip: a header row naming 29 columns, one row per listing, and
// multi-valued cells separated by ';'. A subject on several source lists
// (SDN and SSI, say) has one row per list under the same _id; those rows are
// one entity here, carrying each source list as a Program.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "embargo/country.h"
#include "model/date.h"
#include "sources/csv_reader.h"
#include "sources/io.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

constexpr std::string_view kCslListName = "us_csl";

enum Col : int {
  kId,
  kSource,
  kEntityNumber,
  kType,
  kPrograms,
  kName,
  kTitle,
  kAddresses,
  kFederalRegisterNotice,
  kStartDate,
  kEndDate,
  kStandardOrder,
  kLicenseRequirement,
  kLicensePolicy,
  kCallSign,
  kVesselType,
  kGrossTonnage,
  kGrossRegisteredTonnage,
  kVesselFlag,
  kVesselOwner,
  kRemarks,
  kSourceListUrl,
  kAltNames,
  kCitizenships,
  kDatesOfBirth,
  kNationalities,
  kPlacesOfBirth,
  kSourceInformationUrl,
  kIds,
  kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids"};

// Without these a row cannot become an entity.
constexpr std::array<Col, 3> kRequired = {kId, kSource, kName};

// What a CSL "ids" entry ("[country, ][dates, ]value, label") stands for.
enum class IdUse {
  kIdentifier,
  kGender,
  kRemark,
  kAircraftModel,
  kAircraftOperator,
  kAircraftBuildDate,
  kCountry,  // a country the entity is tied to (vessel or aircraft registry)
};

struct IdLabel {
  std::string_view label;
  IdUse use;
  IdKind kind;
};

// The labels the 2022 CSL uses, by frequency. Labels not listed fall back to
// the heuristics in ClassifyIdLabel().
constexpr IdLabel kIdLabels[] = {
    {"Gender", IdUse::kGender, IdKind::kOther},
    {"Website", IdUse::kIdentifier, IdKind::kWebsite},
    {"Tax ID No.", IdUse::kIdentifier, IdKind::kTaxId},
    {"National ID No.", IdUse::kIdentifier, IdKind::kNationalId},
    {"Registration Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Organization Established Date", IdUse::kRemark, IdKind::kOther},
    {"Vessel Registration Identification", IdUse::kIdentifier, IdKind::kImo},
    {"Registration ID", IdUse::kIdentifier, IdKind::kRegistration},
    {"NIT #", IdUse::kIdentifier, IdKind::kTaxId},
    {"Email Address", IdUse::kIdentifier, IdKind::kEmail},
    {"C.U.R.P.", IdUse::kIdentifier, IdKind::kNationalId},
    {"R.F.C.", IdUse::kIdentifier, IdKind::kTaxId},
    {"Cedula No.", IdUse::kIdentifier, IdKind::kNationalId},
    {"Government Gazette Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Aircraft Model", IdUse::kAircraftModel, IdKind::kOther},
    {"Aircraft Manufacturer's Serial Number (MSN)", IdUse::kIdentifier,
     IdKind::kAircraftSerial},
    {"Aircraft Manufacture Date", IdUse::kAircraftBuildDate, IdKind::kOther},
    {"Aircraft Operator", IdUse::kAircraftOperator, IdKind::kOther},
    {"Target Type", IdUse::kRemark, IdKind::kOther},
    {"SWIFT/BIC", IdUse::kIdentifier, IdKind::kSwiftBic},
    {"Identification Number", IdUse::kIdentifier, IdKind::kNationalId},
    {"RUC #", IdUse::kIdentifier, IdKind::kTaxId},
    {"Company Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Former Vessel Flag", IdUse::kRemark, IdKind::kOther},
    {"Folio Mercantil No.", IdUse::kIdentifier, IdKind::kRegistration},
    {"Commercial Registry Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Aircraft Construction Number (also called L/N or S/N or F/N)",
     IdUse::kIdentifier, IdKind::kAircraftSerial},
    {"V.A.T. Number", IdUse::kIdentifier, IdKind::kTaxId},
    {"Issuer Name", IdUse::kRemark, IdKind::kOther},
    {"Unified Social Credit Code (USCC)", IdUse::kIdentifier,
     IdKind::kRegistration},
    {"Business Registration Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Trade License No.", IdUse::kIdentifier, IdKind::kRegistration},
    {"Matricula Mercantil No", IdUse::kIdentifier, IdKind::kRegistration},
    {"Aircraft Tail Number", IdUse::kIdentifier, IdKind::kTailNumber},
    {"MMSI", IdUse::kIdentifier, IdKind::kMmsi},
    {"D.N.I.", IdUse::kIdentifier, IdKind::kNationalId},
    {"C.R. No.", IdUse::kIdentifier, IdKind::kRegistration},
    {"D-U-N-S Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Phone Number", IdUse::kIdentifier, IdKind::kPhone},
    {"Business Registration Document #", IdUse::kIdentifier,
     IdKind::kRegistration},
    {"License", IdUse::kIdentifier, IdKind::kRegistration},
    {"RIF #", IdUse::kIdentifier, IdKind::kTaxId},
    {"Legal Entity Number", IdUse::kIdentifier, IdKind::kLei},
    {"Electoral Registry No.", IdUse::kIdentifier, IdKind::kNationalId},
    {"Nationality of Registration", IdUse::kCountry, IdKind::kOther},
    {"RFC", IdUse::kIdentifier, IdKind::kTaxId},
    {"Public Registration Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Personal ID Card", IdUse::kIdentifier, IdKind::kNationalId},
    {"Italian Fiscal Code", IdUse::kIdentifier, IdKind::kTaxId},
    {"Chamber of Commerce Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Credencial electoral", IdUse::kIdentifier, IdKind::kNationalId},
    {"National Foreign ID Number", IdUse::kIdentifier, IdKind::kNationalId},
    {"US FEIN", IdUse::kIdentifier, IdKind::kTaxId},
    {"C.U.I.", IdUse::kIdentifier, IdKind::kNationalId},
    {"SSN", IdUse::kIdentifier, IdKind::kNationalId},
    {"UK Company Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Enterprise Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"I.F.E.", IdUse::kIdentifier, IdKind::kNationalId},
    {"Registered Charity No.", IdUse::kIdentifier, IdKind::kRegistration},
    {"C.U.I.T.", IdUse::kIdentifier, IdKind::kTaxId},
    {"Branch Unit Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Dubai Chamber of Commerce Membership No.", IdUse::kIdentifier,
     IdKind::kRegistration},
    {"LE Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Previous Aircraft Tail Number", IdUse::kIdentifier, IdKind::kTailNumber},
    {"C.U.I.P.", IdUse::kIdentifier, IdKind::kNationalId},
    {"Certificate of Incorporation Number", IdUse::kIdentifier,
     IdKind::kRegistration},
    {"Turkish Identification Number", IdUse::kIdentifier, IdKind::kNationalId},
    {"Citizen's Card Number", IdUse::kIdentifier, IdKind::kNationalId},
    {"United Social Credit Code Certificate (USCCC)", IdUse::kIdentifier,
     IdKind::kRegistration},
    {"Numero de Identidad", IdUse::kIdentifier, IdKind::kNationalId},
    {"Travel Document Number", IdUse::kIdentifier, IdKind::kPassport},
    {"Kenyan ID No.", IdUse::kIdentifier, IdKind::kNationalId},
    {"Other Vessel Type", IdUse::kRemark, IdKind::kOther},
    {"File Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"Business Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"C.I.F.", IdUse::kIdentifier, IdKind::kTaxId},
    {"Tazkira National ID Card", IdUse::kIdentifier, IdKind::kNationalId},
    {"Aircraft Serial Identification", IdUse::kIdentifier,
     IdKind::kAircraftSerial},
    {"Refugee ID Card", IdUse::kIdentifier, IdKind::kNationalId},
    {"Central Registration System Number", IdUse::kIdentifier,
     IdKind::kRegistration},
    {"Numero Unico de Identificacao Tributaria (NUIT)", IdUse::kIdentifier,
     IdKind::kTaxId},
    {"Afghan Money Service Provider License Number", IdUse::kIdentifier,
     IdKind::kRegistration},
    {"Other Vessel Call Sign", IdUse::kIdentifier, IdKind::kCallSign},
    {"Other Vessel Flag", IdUse::kRemark, IdKind::kOther},
    {"Stateless Person ID Card", IdUse::kIdentifier, IdKind::kNationalId},
    {"Paraguayan tax identification number", IdUse::kIdentifier,
     IdKind::kTaxId},
    {"Bosnian Personal ID No.", IdUse::kIdentifier, IdKind::kNationalId},
    {"Romanian C.R.", IdUse::kIdentifier, IdKind::kRegistration},
    {"CNP (Personal Numerical Code)", IdUse::kIdentifier, IdKind::kNationalId},
    {"Fiscal Code", IdUse::kIdentifier, IdKind::kTaxId},
    {"N.I.E.", IdUse::kIdentifier, IdKind::kNationalId},
    {"Tourism License No.", IdUse::kIdentifier, IdKind::kRegistration},
    {"Registration Country", IdUse::kCountry, IdKind::kOther},
    {"Istanbul Chamber of Comm. No.", IdUse::kIdentifier,
     IdKind::kRegistration},
    {"Romanian Tax Registration", IdUse::kIdentifier, IdKind::kTaxId},
    {"Moroccan Personal ID No.", IdUse::kIdentifier, IdKind::kNationalId},
    {"MSB Registration Number", IdUse::kIdentifier, IdKind::kRegistration},
    {"RSIN", IdUse::kIdentifier, IdKind::kTaxId},
    {"UAE Identification", IdUse::kIdentifier, IdKind::kNationalId},
};

// Splits on `sep`, trimming each part and dropping empty ones.
std::vector<std::string_view> Split(std::string_view text,
                                    std::string_view sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = TrimSpace(text.substr(start, end - start));
    if (!part.empty()) out.push_back(part);
    start = end + sep.size();
  }
  return out;
}

std::string Join(const std::vector<std::string_view>& parts, size_t from,
                 size_t to, std::string_view sep) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (!out.empty()) out += sep;
    out += parts[i];
  }
  return out;
}

bool IsUpperPair(std::string_view s) {
  return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::isupper(static_cast<unsigned char>(s[1]));
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// "0097-06-30": a real month and day with a year no list can mean.
bool HasImplausibleYear(std::string_view s) {
  if (!IsIsoDate(s)) return false;
  int year = std::stoi(std::string(s.substr(0, 4)));
  int month = std::stoi(std::string(s.substr(5, 2)));
  int day = std::stoi(std::string(s.substr(8, 2)));
  return (year < 1000 || year > 2999) && IsValidPartialDate(2000, month, day);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// A postal code: short, one word or two, with a digit in it.
bool LooksLikePostalCode(std::string_view s) {
  if (s.empty() || s.size() > 10) return false;
  bool digit = false;
  int spaces = 0;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isdigit(u))
      digit = true;
    else if (c == ' ')
      ++spaces;
    else if (!std::isupper(u) && c != '-')
      return false;
  }
  return digit && spaces <= 1;
}

template <typename T, typename Eq>
void AppendUnique(std::vector<T>* to, const std::vector<T>& from, Eq eq) {
  for (const T& x : from) {
    if (std::none_of(to->begin(), to->end(),
                     [&](const T& y) { return eq(x, y); }))
      to->push_back(x);
  }
}

bool SameName(const Name& a, const Name& b) {
  return a.full == b.full && a.type == b.type;
}
bool SameAddress(const Address& a, const Address& b) {
  return a.full == b.full && a.country == b.country;
}
bool SameIdentifier(const Identifier& a, const Identifier& b) {
  return a.kind == b.kind && a.value == b.value && a.country == b.country &&
         a.label == b.label;
}
bool SameProgram(const Program& a, const Program& b) {
  return a.code == b.code;
}
bool SameDate(const DateSpec& a, const DateSpec& b) { return a.text == b.text; }

bool Before(const PartialDate& a, const PartialDate& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

// "Entity List (EL) - Bureau of Industry and Security" -> "EL";
// "Non-SDN Menu-Based Sanctions List (NS-MBS List) - ..." -> "NS-MBS".
std::string SourceCode(std::string_view source) {
  size_t open = source.find('(');
  size_t close = source.find(')', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos)
    return std::string(TrimSpace(source));
  std::string_view code = TrimSpace(source.substr(open + 1, close - open - 1));
  if (EndsWith(code, " List")) code.remove_suffix(5);
  return std::string(code);
}

IdLabel ClassifyIdLabel(std::string_view label) {
  for (const IdLabel& l : kIdLabels)
    if (l.label == label) return l;
  // Sanctions facts OFAC files under "ids": "Secondary sanctions risk:",
  // "Listing Date (EO 14024 Directive 2):", "... Determination -".
  if (EndsWith(label, ":") || EndsWith(label, "-") ||
      label.find("Date") != std::string_view::npos ||
      label.find("Information") != std::string_view::npos)
    return {label, IdUse::kRemark, IdKind::kOther};
  if (label.find("Passport") != std::string_view::npos)
    return {label, IdUse::kIdentifier, IdKind::kPassport};
  return {label, IdUse::kIdentifier, IdKind::kOther};
}

class CslLoader {
 public:
  explicit CslLoader(const std::string& path) : path_(path) {}

  Result<EntityList> Load() {
    auto stream = OpenByteStream(path_);
    if (!stream.ok()) return stream.status();
    CsvReader reader(std::move(*stream), path_);
    std::vector<std::string> row;
    if (!reader.Next(&row)) {
      if (!reader.status().ok()) return reader.status();
      return Status::DataError(
          fmt::format("{}: the file is empty (no header row)", path_));
    }
    EMBARGO_RETURN_IF_ERROR(ReadCsvHeader(
        path_, reader.line(), row, kColumnNames, kRequired, &pos_, &header_));

    list_.info.name = std::string(kCslListName);
    list_.info.format = "csl";
    list_.info.files.push_back(path_);
    std::unordered_map<std::string, size_t> by_id;  // _id -> entity index
    std::uint64_t merged_rows = 0;
    std::set<std::string> merged_ids;
    while (reader.Next(&row)) {
      std::uint64_t line = reader.line();
      if (row.size() != header_.size())
        return Status::DataError(
            fmt::format("{}:{}: {} fields, but the header names {} columns",
                        path_, line, row.size(), header_.size()));
      EMBARGO_RETURN_IF_ERROR(CheckRow(row, line));
      Entity entity;
      EMBARGO_RETURN_IF_ERROR(ParseRow(row, line, &entity));
      auto [it, inserted] =
          by_id.emplace(entity.provenance.record_id, list_.entities.size());
      if (inserted) {
        list_.entities.push_back(std::move(entity));
        continue;
      }
      EMBARGO_RETURN_IF_ERROR(Merge(entity, &list_.entities[it->second]));
      ++merged_rows;
      merged_ids.insert(entity.provenance.record_id);
    }
    if (!reader.status().ok()) return reader.status();
    if (merged_rows > 0)
      list_.info.warnings.push_back(fmt::format(
          "{}: {} rows repeat the _id of an earlier row (the same subject on "
          "another source list); merged into that row's entity ({} ids)",
          path_, merged_rows, merged_ids.size()));
    return std::move(list_);
  }

 private:
  std::string_view Field(const std::vector<std::string>& row, Col c) const {
    return pos_[c] < 0 ? std::string_view() : TrimSpace(row[pos_[c]]);
  }

  Status FieldError(std::uint64_t line, std::string_view record, Col c,
                    std::string_view message) const {
    return Status::DataError(fmt::format("{}:{}: record {}: field {}: {}",
                                         path_, line, record, kColumnNames[c],
                                         message));
  }

  // Rejects invalid UTF-8 and counts values in columns we do not map.
  Status CheckRow(const std::vector<std::string>& row, std::uint64_t line) {
    for (size_t i = 0; i < row.size(); ++i) {
      size_t bad = FindInvalidUtf8(row[i]);
      if (bad == std::string_view::npos) continue;
      std::string_view record =
          pos_[kId] >= 0 ? TrimSpace(row[pos_[kId]]) : std::string_view("?");
      return Status::DataError(fmt::format(
          "{}:{}: record {}: field {}: invalid UTF-8 (byte 0x{:02X} at "
          "offset {})",
          path_, line, record, header_[i],
          static_cast<unsigned char>(row[i][bad]), bad));
    }
    for (size_t i = 0; i < row.size(); ++i) {
      bool known = std::find(kColumnNames.begin(), kColumnNames.end(),
                             header_[i]) != kColumnNames.end();
      if (!known && !TrimSpace(row[i]).empty())
        ++list_.info.unknown_fields[header_[i]];
    }
    return Status::Ok();
  }

  // The ISO code for `text` (a code or a name); "" and one warning per
  // distinct value when it is not a known country.
  std::string MapCountry(std::string_view text) {
    text = TrimSpace(text);
    if (text.empty()) return "";
    if (text.size() == 2 && IsCountryCode(text)) return std::string(text);
    std::string code = CountryCode(text);
    if (code.empty() && warned_.insert(std::string(text)).second)
      list_.info.warnings.push_back(fmt::format("unmapped country '{}'", text));
    return code;
  }

  Status ParseRow(const std::vector<std::string>& row, std::uint64_t line,
                  Entity* e) {
    std::string_view id = Field(row, kId);
    if (id.empty())
      return Status::DataError(
          fmt::format("{}:{}: field _id: empty", path_, line));
    e->id = fmt::format("csl-{}", id);
    e->provenance.list = std::string(kCslListName);
    e->provenance.record_id = std::string(id);
    e->provenance.file = path_;
    e->provenance.line = line;

    std::string_view type = Field(row, kType);
    if (!type.empty()) {
      auto kind = ParseEntityKind(type);
      if (!kind)
        return FieldError(line, id, kType,
                          fmt::format("unknown entity type '{}'", type));
      e->kind = *kind;
    }

    std::string primary = CleanText(Field(row, kName));
    if (primary.empty()) return FieldError(line, id, kName, "empty");
    e->names.push_back(MakeName(primary, NameType::kPrimary, e->kind));
    for (std::string_view alt : Split(Field(row, kAltNames), ";")) {
      std::string full = CleanText(alt);
      Name name = MakeName(full, NameType::kAka, e->kind);
      if (full != primary)
        AppendUnique(&e->names, std::vector<Name>{name}, SameName);
    }

    std::string_view source = Field(row, kSource);
    if (source.empty()) return FieldError(line, id, kSource, "empty");
    e->programs.push_back({SourceCode(source), std::string(source)});
    for (std::string_view p : Split(Field(row, kPrograms), ";"))
      AppendUnique(&e->programs, std::vector<Program>{{std::string(p), ""}},
                   SameProgram);

    AddUniqueText(&e->positions, CleanText(Field(row, kTitle)));
    for (std::string_view a : Split(Field(row, kAddresses), ";"))
      AppendUnique(&e->addresses, std::vector<Address>{ParseAddress(a)},
                   SameAddress);

    if (std::string_view start = Field(row, kStartDate); !start.empty()) {
      auto date = ParsePartialDate(start);
      if (date) {
        e->listed_on = *date;
      } else if (HasImplausibleYear(start)) {
        // The 2022 file has "0097-06-30" and "0017-05-26": typos for a real
        // date we cannot guess, so the listing date stays unknown.
        list_.info.warnings.push_back(fmt::format(
            "{}:{}: record {}: field start_date: implausible date '{}' "
            "ignored",
            path_, line, id, start));
      } else {
        return FieldError(line, id, kStartDate,
                          fmt::format("impossible date '{}'", start));
      }
    }
    for (std::string_view d : Split(Field(row, kDatesOfBirth), ";")) {
      auto spec = ParseDateSpec(d);
      if (!spec)
        return FieldError(line, id, kDatesOfBirth,
                          fmt::format("impossible date '{}'", d));
      AppendUnique(&e->birth_dates, std::vector<DateSpec>{*spec}, SameDate);
    }
    for (std::string_view p : Split(Field(row, kPlacesOfBirth), ";"))
      AddUniqueText(&e->birth_places, CleanText(p));
    for (std::string_view c : Split(Field(row, kCitizenships), ";"))
      AddCountry(c, "Citizenship", &e->citizenships, e);
    for (std::string_view c : Split(Field(row, kNationalities), ";"))
      AddCountry(c, "Nationality", &e->nationalities, e);

    if (std::string_view cs = Field(row, kCallSign); !cs.empty())
      e->identifiers.push_back(
          {IdKind::kCallSign, std::string(cs), "", "Call Sign", ""});
    e->vessel.type = std::string(Field(row, kVesselType));
    e->vessel.tonnage = std::string(Field(row, kGrossTonnage));
    e->vessel.gross_registered_tonnage =
        std::string(Field(row, kGrossRegisteredTonnage));
    e->vessel.owner = std::string(Field(row, kVesselOwner));
    if (std::string_view flag = Field(row, kVesselFlag); !flag.empty()) {
      e->vessel.flag_text = std::string(flag);
      // OFAC writes "None Identified" for a stateless vessel.
      if (flag != "None Identified") e->vessel.flag = MapCountry(flag);
    }

    for (std::string_view item : Split(Field(row, kIds), ";"))
      ParseIdItem(item, e);

    AddUniqueText(&e->remarks, CleanText(Field(row, kRemarks)));
    AddLabelled(row, kFederalRegisterNotice, "Federal Register notice", e);
    AddLabelled(row, kEndDate, "End date", e);
    AddLabelled(row, kStandardOrder, "Standard order", e);
    AddLabelled(row, kLicenseRequirement, "License requirement", e);
    AddLabelled(row, kLicensePolicy, "License policy", e);

    AddUniqueText(&e->source_urls, Field(row, kSourceListUrl));
    AddUniqueText(&e->source_urls, Field(row, kSourceInformationUrl));
    return Status::Ok();
  }

  static Name MakeName(std::string full, NameType type, EntityKind kind) {
    Name name;
    name.type = type;
    // OFAC writes people "FAMILY, Given"; only then are the parts known.
    if (kind == EntityKind::kPerson) {
      size_t comma = full.find(", ");
      if (comma != std::string::npos &&
          full.find(',', comma + 1) == std::string::npos) {
        name.parts.family = full.substr(0, comma);
        name.parts.given = full.substr(comma + 2);
      }
    }
    name.full = std::move(full);
    return name;
  }

  void AddCountry(std::string_view text, std::string_view what,
                  std::vector<std::string>* to, Entity* e) {
    std::string code = MapCountry(text);
    if (code.empty())
      AddUniqueText(&e->remarks, fmt::format("{}: {}", what, text));
    else
      AddUniqueText(to, code);
  }

  void AddLabelled(const std::vector<std::string>& row, Col c,
                   std::string_view label, Entity* e) {
    std::string value = CleanText(Field(row, c));
    if (!value.empty())
      AddUniqueText(&e->remarks, fmt::format("{}: {}", label, value));
  }

  // "street, city, state, postal, CC": the CSV drops empty parts, so only
  // the country (a trailing ISO code) and a postal code are certain; the
  // part before them is taken as the city.
  Address ParseAddress(std::string_view text) {
    Address a;
    a.full = CleanText(text);
    std::vector<std::string_view> parts = Split(text, ",");
    if (!parts.empty()) {
      std::string_view last = parts.back();
      if (IsUpperPair(last) && IsCountryCode(last)) {
        a.country_text = std::string(last);
        a.country = std::string(last);
        parts.pop_back();
      } else if (IsUpperPair(last) && parts.size() >= 2) {
        // "..., ANTHONY, 88021, NM": a US state where the country goes.
        a.region = std::string(last);
        parts.pop_back();
      } else if (std::string code = CountryCode(last); !code.empty()) {
        a.country_text = std::string(last);
        a.country = code;
        parts.pop_back();
      }
    }
    if (parts.size() >= 2 && LooksLikePostalCode(parts.back())) {
      a.postal_code = std::string(parts.back());
      parts.pop_back();
    }
    if (a.region.empty() && parts.size() >= 3 && IsUpperPair(parts.back())) {
      a.region = std::string(parts.back());  // a US state, as in the DPL rows
      parts.pop_back();
    }
    if (!parts.empty()) {
      a.city = std::string(parts.back());
      parts.pop_back();
    }
    a.street = Join(parts, 0, parts.size(), ", ");
    return a;
  }

  // One "ids" entry: "[CC, ][expires, ][issued, ]value, label" for
  // identifiers; "value, label" for the facts OFAC files there too.
  void ParseIdItem(std::string_view item, Entity* e) {
    std::vector<std::string_view> parts = Split(item, ", ");
    if (parts.size() < 2) {
      AddUniqueText(&e->remarks, CleanText(item));
      return;
    }
    IdLabel label = ClassifyIdLabel(parts.back());
    std::string whole = Join(parts, 0, parts.size() - 1, ", ");
    switch (label.use) {
      case IdUse::kGender:
        if (whole == "Male")
          e->gender = Gender::kMale;
        else if (whole == "Female")
          e->gender = Gender::kFemale;
        return;
      case IdUse::kRemark: {
        std::string_view name = parts.back();
        while (!name.empty() &&
               (name.back() == ':' || name.back() == '-' || name.back() == ' '))
          name.remove_suffix(1);
        AddUniqueText(&e->remarks, fmt::format("{}: {}", name, whole));
        return;
      }
      case IdUse::kAircraftModel:
        e->aircraft.model = whole;
        return;
      case IdUse::kAircraftOperator:
        e->aircraft.operator_name = whole;
        return;
      case IdUse::kAircraftBuildDate:
        e->aircraft.build_date = whole;
        return;
      case IdUse::kCountry: {
        std::string code = MapCountry(whole);
        if (code.empty())
          AddUniqueText(&e->remarks,
                        fmt::format("{}: {}", parts.back(), whole));
        else
          AddUniqueText(&e->countries, code);
        return;
      }
      case IdUse::kIdentifier:
        break;
    }
    Identifier id;
    id.kind = label.kind;
    id.label = std::string(parts.back());
    size_t first = 0, last = parts.size() - 1;
    if (last - first >= 2 && IsUpperPair(parts[first])) {
      id.country = MapCountry(parts[first]);
      if (id.country.empty())
        id.notes = fmt::format("country {}", parts[first]);
      ++first;
    }
    std::vector<std::string_view> dates;
    while (last - first >= 2 && IsIsoDate(parts[first]))
      dates.push_back(parts[first++]);
    id.value = Join(parts, first, last, ", ");
    std::string date_note;
    if (dates.size() == 2)
      date_note = fmt::format("issued {}, expires {}", dates[1], dates[0]);
    else if (dates.size() == 1)
      date_note = fmt::format("dated {} (issue or expiry)", dates[0]);
    if (!date_note.empty())
      id.notes = id.notes.empty() ? date_note : id.notes + "; " + date_note;
    if (id.kind == IdKind::kImo && id.value.rfind("IMO ", 0) == 0)
      id.value.erase(0, 4);
    if (id.kind == IdKind::kLei && id.value.size() != 20)
      id.kind = IdKind::kRegistration;  // a national number, not an LEI
    if (id.value.empty()) return;
    AppendUnique(&e->identifiers, std::vector<Identifier>{std::move(id)},
                 SameIdentifier);
  }

  // Folds a later row with the same _id into `into`. The rows must describe
  // the same subject; only list-specific facts may differ.
  Status Merge(const Entity& row, Entity* into) const {
    const std::string& id = row.provenance.record_id;
    if (row.kind != into->kind)
      return FieldError(
          row.provenance.line, id, kType,
          fmt::format(
              "'{}' differs from '{}' given for the same _id on line {}",
              EntityKindName(row.kind), EntityKindName(into->kind),
              into->provenance.line));
    if (row.primary_name() != into->primary_name())
      return FieldError(
          row.provenance.line, id, kName,
          fmt::format(
              "'{}' differs from '{}' given for the same _id on line {}",
              row.primary_name(), into->primary_name(), into->provenance.line));
    AppendUnique(&into->names, row.names, SameName);
    AppendUnique(&into->programs, row.programs, SameProgram);
    AppendUnique(&into->addresses, row.addresses, SameAddress);
    AppendUnique(&into->identifiers, row.identifiers, SameIdentifier);
    AppendUnique(&into->birth_dates, row.birth_dates, SameDate);
    auto same = [](const std::string& a, const std::string& b) {
      return a == b;
    };
    AppendUnique(&into->birth_places, row.birth_places, same);
    AppendUnique(&into->nationalities, row.nationalities, same);
    AppendUnique(&into->citizenships, row.citizenships, same);
    AppendUnique(&into->positions, row.positions, same);
    AppendUnique(&into->countries, row.countries, same);
    AppendUnique(&into->remarks, row.remarks, same);
    AppendUnique(&into->source_urls, row.source_urls, same);
    if (!row.listed_on.empty() &&
        (into->listed_on.empty() || Before(row.listed_on, into->listed_on)))
      into->listed_on = row.listed_on;
    if (into->gender == Gender::kUnknown) into->gender = row.gender;
    if (into->vessel.empty()) into->vessel = row.vessel;
    if (into->aircraft.empty()) into->aircraft = row.aircraft;
    return Status::Ok();
  }

  const std::string& path_;
  std::array<int, kColumnCount> pos_{};
  std::vector<std::string> header_;
  EntityList list_;
  std::set<std::string> warned_;
};

}  // namespace

Result<EntityList> LoadCsl(const std::string& path) {
  CslLoader loader(path);
  return loader.Load();
}

}  // namespace embargo::internal
