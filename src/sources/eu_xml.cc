// The EU Financial Sanctions Files (FSF) XML 1.1 loader: <export
// generationDate=...> holding one <sanctionEntity> per listed person or
// enterprise, with nameAlias, regulation, citizenship, birthdate,
// identification and address children, each carrying its own attributes.
//
// Ids are "eu-<logicalId>". The EU's logicalId is a database key and unique
// in published files; a file that repeats one (the format sample in
// shared/data does, for a hand-added test entry) gets "eu-<logicalId>-<n>"
// for the n-th repeat and a warning, rather than losing either record.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "embargo/country.h"
#include "model/date.h"
#include "sources/io.h"
#include "sources/loaders.h"
#include "sources/xml_reader.h"

namespace embargo::internal {
namespace {

constexpr char kEuListName[] = "eu_fsf";

std::string Attr(const pugi::xml_node& node, const char* name) {
  return CleanText(node.attribute(name).as_string());
}

bool AttrTrue(const pugi::xml_node& node, const char* name) {
  std::string v = Attr(node, name);
  return v == "true" || v == "1";
}

std::string JoinNonEmpty(const std::vector<std::string>& parts,
                         std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// "-" and "UNKNOWN" stand for nothing in the EU files.
std::string Meaningful(std::string text) {
  if (text == "-" || text == "UNKNOWN" || text == "Unknown") return "";
  return text;
}

class EuLoader {
 public:
  explicit EuLoader(std::string path) : path_(std::move(path)) {}

  Result<EntityList> Load() {
    auto reader = XmlRecordReader::OpenFile(path_);
    if (!reader.ok()) return reader.status();
    list_.info.name = kEuListName;
    list_.info.format = "eu_xml";
    list_.info.files.push_back(path_);
    XmlRecord rec;
    bool root_checked = false;
    while ((*reader)->Next({"sanctionEntity"}, &rec)) {
      if (!root_checked) {
        EMBARGO_RETURN_IF_ERROR(CheckRoot(**reader));
        root_checked = true;
      }
      EMBARGO_RETURN_IF_ERROR(AddEntity(rec));
    }
    if (!(*reader)->status().ok()) return (*reader)->status();
    if (!root_checked) EMBARGO_RETURN_IF_ERROR(CheckRoot(**reader));
    for (Entity& e : list_.entities)
      e.provenance.published = list_.info.published;
    return std::move(list_);
  }

 private:
  Status CheckRoot(const XmlRecordReader& reader) {
    if (reader.root_name() != "export")
      return Status::DataError(
          fmt::format("{}: root element is <{}>, not the EU FSF <export>",
                      path_, reader.root_name()));
    auto it = reader.root_attributes().find("generationDate");
    if (it != reader.root_attributes().end() && !it->second.empty()) {
      auto date = ParsePartialDate(it->second);
      if (!date)
        return Status::DataError(fmt::format(
            "{}: field generationDate: not a date '{}'", path_, it->second));
      list_.info.published = *date;
    }
    return Status::Ok();
  }

  Status Fail(const Entity& e, std::string_view field, std::string_view msg) {
    return Status::DataError(fmt::format("{}:{}: record {}: field {}: {}",
                                         path_, e.provenance.line,
                                         e.provenance.record_id, field, msg));
  }

  // Maps an ISO code (falling back to the description) and warns once per
  // value neither can map.
  std::string Country(const pugi::xml_node& node) {
    std::string code = Attr(node, "countryIso2Code");
    if (code.size() == 2 && IsCountryCode(code)) return code;
    std::string text = Meaningful(Attr(node, "countryDescription"));
    if (!text.empty()) {
      std::string mapped = CountryCode(text);
      if (!mapped.empty()) return mapped;
    }
    // "00" is the EU's code for an unknown country.
    if ((code.empty() || code == "00") && text.empty()) return "";
    std::string shown = text.empty() ? code : text;
    if (warned_countries_.insert(shown).second)
      list_.info.warnings.push_back(
          fmt::format("unmapped country '{}'", shown));
    return "";
  }

  std::string CountryDisplay(const pugi::xml_node& node,
                             const std::string& code) {
    if (!code.empty()) {
      std::string_view name = CountryName(code);
      if (!name.empty()) return std::string(name);
    }
    return Meaningful(Attr(node, "countryDescription"));
  }

  Status AddEntity(const XmlRecord& rec) {
    const pugi::xml_node& n = rec.node;
    Entity e;
    std::string logical_id = Attr(n, "logicalId");
    e.provenance.list = kEuListName;
    e.provenance.file = path_;
    e.provenance.line = rec.line;
    e.provenance.record_id = logical_id;
    if (logical_id.empty()) {
      e.provenance.record_id = "(no logicalId)";
      return Fail(e, "logicalId", "missing");
    }
    int& seen = seen_ids_[logical_id];
    ++seen;
    e.id = "eu-" + logical_id;
    if (seen > 1) {
      e.id += fmt::format("-{}", seen);
      list_.info.warnings.push_back(fmt::format(
          "{}:{}: logicalId {} repeats an earlier record; loaded as {}", path_,
          rec.line, logical_id, e.id));
    }

    if (std::string d = Attr(n, "designationDate"); !d.empty()) {
      auto date = ParsePartialDate(d);
      if (!date)
        return Fail(e, "designationDate",
                    fmt::format("impossible date '{}'", d));
      e.listed_on = *date;
    }
    if (std::string d = Attr(n, "designationDetails"); !d.empty())
      e.remarks.push_back(d);
    if (std::string ref = Attr(n, "euReferenceNumber"); !ref.empty())
      e.remarks.push_back("EU reference number: " + ref);
    if (std::string un = Attr(n, "unitedNationId"); !un.empty())
      e.remarks.push_back("UN reference: " + un);

    bool have_kind = false;
    for (pugi::xml_node c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = c.name();
      if (name == "subjectType") {
        std::string code = Attr(c, "code");
        if (code == "person") {
          e.kind = EntityKind::kPerson;
        } else if (code == "enterprise") {
          e.kind = EntityKind::kOrganization;
        } else if (auto kind = ParseEntityKind(code)) {
          e.kind = *kind;
        } else {
          return Fail(e, "subjectType", fmt::format("unknown code '{}'", code));
        }
        have_kind = true;
      } else if (name == "nameAlias") {
        AddName(c, &e);
      } else if (name == "regulation") {
        AddRegulation(c, &e);
      } else if (name == "citizenship") {
        if (std::string code = Country(c); !code.empty())
          AddUnique(&e.citizenships, code);
      } else if (name == "birthdate") {
        EMBARGO_RETURN_IF_ERROR(AddBirth(c, &e));
      } else if (name == "identification") {
        AddIdentification(c, &e);
      } else if (name == "address") {
        AddAddress(c, &e);
      } else if (name == "remark") {
        if (std::string r = CleanText(c.text().get()); !r.empty())
          AddUnique(&e.remarks, r);
      } else {
        ++list_.info.unknown_fields[std::string(name)];
      }
    }
    if (!have_kind) return Fail(e, "subjectType", "missing");
    if (e.names.empty()) return Fail(e, "nameAlias", "the record has no name");
    list_.entities.push_back(std::move(e));
    return Status::Ok();
  }

  void AddName(const pugi::xml_node& c, Entity* e) {
    Name name;
    name.parts.given = Attr(c, "firstName");
    name.parts.middle = Attr(c, "middleName");
    name.parts.family = Attr(c, "lastName");
    name.full = Attr(c, "wholeName");
    if (name.full.empty())
      name.full = JoinNonEmpty(
          {name.parts.given, name.parts.middle, name.parts.family}, " ");
    if (name.full.empty()) return;
    // The EU marks no primary name; its first alias is the listed one.
    name.type = e->names.empty() ? NameType::kPrimary : NameType::kAka;
    std::string strong = Attr(c, "strong");
    if (strong == "true") name.quality = NameQuality::kStrong;
    if (strong == "false") name.quality = NameQuality::kWeak;
    name.language = Attr(c, "nameLanguage");
    name.original_script = HasNonLatinLetters(name.full);
    std::string gender = Attr(c, "gender");
    if (e->gender == Gender::kUnknown) {
      if (gender == "M") e->gender = Gender::kMale;
      if (gender == "F") e->gender = Gender::kFemale;
    }
    if (std::string t = Attr(c, "title"); !t.empty()) AddUnique(&e->titles, t);
    if (std::string f = Attr(c, "function"); !f.empty())
      AddUnique(&e->positions, f);
    if (std::string r = CleanText(c.child("remark").text().get()); !r.empty())
      AddUnique(&e->remarks, r);
    for (const Name& have : e->names)
      if (have.full == name.full) return;
    e->names.push_back(std::move(name));
  }

  void AddRegulation(const pugi::xml_node& c, Entity* e) {
    std::string programme = Attr(c, "programme");
    if (!programme.empty()) {
      bool have = false;
      for (const Program& p : e->programs) have = have || p.code == programme;
      if (!have) e->programs.push_back(Program{programme, ""});
    }
    std::string url = CleanText(c.child("publicationUrl").text().get());
    if (!url.empty()) AddUnique(&e->source_urls, url);
    std::string title = Attr(c, "numberTitle");
    if (!title.empty()) AddUnique(&e->remarks, "Regulation " + title);
  }

  Status AddBirth(const pugi::xml_node& c, Entity* e) {
    std::string calendar = Attr(c, "calendarType");
    std::string whole = Attr(c, "birthdate");
    int year = c.attribute("year").as_int(0);
    int month = c.attribute("monthOfYear").as_int(0);
    int day = c.attribute("dayOfMonth").as_int(0);
    int from = c.attribute("yearRangeFrom").as_int(0);
    int to = c.attribute("yearRangeTo").as_int(0);
    std::string shown = whole;
    if (shown.empty() && year) shown = std::to_string(year);
    if (shown.empty() && from && to) shown = fmt::format("{}-{}", from, to);
    if (!shown.empty() && !calendar.empty() && calendar != "GREGORIAN") {
      // A Hijri or other year is not a Gregorian one; keep it as published.
      AddUnique(&e->remarks, fmt::format("Date of birth ({} calendar): {}",
                                         calendar, shown));
    } else if (!shown.empty()) {
      DateSpec spec;
      spec.text = shown;
      spec.circa = AttrTrue(c, "circa");
      if (!whole.empty()) {
        auto d = ParsePartialDate(whole);
        if (!d)
          return Fail(*e, "birthdate",
                      fmt::format("impossible date '{}'", whole));
        spec.from = *d;
      } else if (year) {
        if (!IsValidPartialDate(year, month, day))
          return Fail(*e, "birthdate",
                      fmt::format("impossible date year {} month {} day {}",
                                  year, month, day));
        spec.from = PartialDate{static_cast<std::int16_t>(year),
                                static_cast<std::uint8_t>(month),
                                static_cast<std::uint8_t>(day)};
      } else {
        if (!IsValidPartialDate(from, 0, 0) || !IsValidPartialDate(to, 0, 0))
          return Fail(*e, "birthdate",
                      fmt::format("impossible year range '{}'", shown));
        spec.from.year = static_cast<std::int16_t>(from);
        spec.to.year = static_cast<std::int16_t>(to);
      }
      bool dup = false;
      for (const DateSpec& have : e->birth_dates)
        dup = dup || (have.from == spec.from && have.to == spec.to &&
                      have.circa == spec.circa);
      if (!dup) e->birth_dates.push_back(std::move(spec));
    }
    std::string code = Country(c);
    std::string place =
        JoinNonEmpty({Meaningful(Attr(c, "place")), Meaningful(Attr(c, "city")),
                      Meaningful(Attr(c, "region")), CountryDisplay(c, code)},
                     ", ");
    if (!place.empty()) AddUnique(&e->birth_places, place);
    return Status::Ok();
  }

  static IdKind IdKindOf(std::string_view code) {
    if (code == "passport") return IdKind::kPassport;
    if (code == "id" || code == "ssn" || code == "nationalid")
      return IdKind::kNationalId;
    if (code == "fiscalcode" || code == "tin" || code == "tax")
      return IdKind::kTaxId;
    if (code == "regnumber" || code == "companyregnumber")
      return IdKind::kRegistration;
    if (code == "swiftbic" || code == "bic") return IdKind::kSwiftBic;
    if (code == "imo") return IdKind::kImo;
    return IdKind::kOther;
  }

  void AddIdentification(const pugi::xml_node& c, Entity* e) {
    Identifier id;
    id.value = Attr(c, "number");
    if (id.value.empty()) id.value = Attr(c, "latinNumber");
    if (id.value.empty()) return;
    std::string code = Attr(c, "identificationTypeCode");
    id.kind = IdKindOf(code);
    id.label = Attr(c, "identificationTypeDescription");
    if (id.label.empty()) id.label = code;
    id.country = Country(c);
    std::vector<std::string> notes;
    for (const char* flag : {"diplomatic", "knownExpired", "knownFalse",
                             "reportedLost", "revokedByIssuer"})
      if (AttrTrue(c, flag)) notes.push_back(flag);
    if (std::string by = Attr(c, "issuedBy"); !by.empty())
      notes.push_back("issued by " + by);
    if (std::string name = Attr(c, "nameOnDocument"); !name.empty())
      notes.push_back("name on document: " + name);
    if (std::string r = CleanText(c.child("remark").text().get()); !r.empty())
      notes.push_back(r);
    id.notes = JoinNonEmpty(notes, "; ");
    for (const Identifier& have : e->identifiers)
      if (have.kind == id.kind && have.value == id.value &&
          have.country == id.country)
        return;
    e->identifiers.push_back(std::move(id));
  }

  void AddAddress(const pugi::xml_node& c, Entity* e) {
    Address a;
    std::string po_box = Attr(c, "poBox");
    a.street = JoinNonEmpty({Meaningful(Attr(c, "street")),
                             po_box.empty() ? "" : "PO Box " + po_box,
                             Meaningful(Attr(c, "place"))},
                            ", ");
    a.city = Meaningful(Attr(c, "city"));
    a.region = Meaningful(Attr(c, "region"));
    a.postal_code = Attr(c, "zipCode");
    a.country = Country(c);
    a.country_text = Meaningful(Attr(c, "countryDescription"));
    a.full = JoinNonEmpty({a.street, a.postal_code, a.city, a.region,
                           CountryDisplay(c, a.country)},
                          ", ");
    a.note = CleanText(c.child("remark").text().get());
    if (a.full.empty() && a.note.empty()) return;
    e->addresses.push_back(std::move(a));
  }

  std::string path_;
  EntityList list_;
  std::map<std::string, int> seen_ids_;
  std::set<std::string> warned_countries_;
};

}  // namespace

Result<EntityList> LoadEuXml(const std::string& path) {
  return EuLoader(path).Load();
}

}  // namespace embargo::internal
