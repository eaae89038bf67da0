#include <nlohmann/json.hpp>

#include "embargo/entity.h"

namespace embargo {
namespace {

using nlohmann::ordered_json;

void Add(ordered_json& props, const char* key, const std::string& value) {
  if (value.empty()) return;
  ordered_json& arr = props[key];
  if (!arr.is_array()) arr = ordered_json::array();
  for (const auto& v : arr)
    if (v == value) return;
  arr.push_back(value);
}

const char* FtmIdProperty(IdKind kind) {
  switch (kind) {
    case IdKind::kPassport:
      return "passportNumber";
    case IdKind::kNationalId:
      return "idNumber";
    case IdKind::kTaxId:
      return "taxNumber";
    case IdKind::kRegistration:
      return "registrationNumber";
    case IdKind::kSwiftBic:
      return "swiftBic";
    case IdKind::kImo:
      return "imoNumber";
    case IdKind::kMmsi:
      return "mmsi";
    case IdKind::kCallSign:
      return "callSign";
    case IdKind::kAircraftSerial:
      return "serialNumber";
    case IdKind::kTailNumber:
      return "registrationNumber";
    case IdKind::kLei:
      return "leiCode";
    case IdKind::kEmail:
      return "email";
    case IdKind::kWebsite:
      return "website";
    case IdKind::kPhone:
      return "phone";
    case IdKind::kOther:
      return "idNumber";
  }
  return "idNumber";
}

}  // namespace

std::string_view FtmSchemaName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kPerson:
      return "Person";
    case EntityKind::kOrganization:
      return "Organization";
    case EntityKind::kVessel:
      return "Vessel";
    case EntityKind::kAircraft:
      return "Airplane";
  }
  return "Organization";
}

std::string EntityToJson(const Entity& e, int indent) {
  ordered_json j;
  j["id"] = e.id;
  j["schema"] = std::string(FtmSchemaName(e.kind));
  j["caption"] = e.primary_name();
  ordered_json props = ordered_json::object();
  for (const Name& n : e.names) {
    const char* key = "alias";
    if (n.type == NameType::kPrimary)
      key = "name";
    else if (n.type == NameType::kFka)
      key = "previousName";
    else if (n.quality == NameQuality::kWeak || n.quality == NameQuality::kLow)
      key = "weakAlias";
    Add(props, key, n.full);
    Add(props, "firstName", n.parts.given);
    Add(props, "middleName", n.parts.middle);
    Add(props, "lastName", n.parts.family);
    Add(props, "fatherName", n.parts.patronymic);
  }
  for (const DateSpec& d : e.birth_dates)
    Add(props, e.kind == EntityKind::kPerson ? "birthDate" : "buildDate",
        d.ToString());
  for (const auto& p : e.birth_places) Add(props, "birthPlace", p);
  for (const auto& c : e.nationalities) Add(props, "nationality", c);
  for (const auto& c : e.citizenships) Add(props, "citizenship", c);
  Add(props, "gender", std::string(GenderName(e.gender)));
  for (const auto& t : e.titles) Add(props, "title", t);
  for (const auto& p : e.positions) Add(props, "position", p);
  for (const auto& c : e.countries) Add(props, "country", c);
  for (const Address& a : e.addresses) Add(props, "address", a.full);
  for (const Identifier& id : e.identifiers)
    Add(props, FtmIdProperty(id.kind), id.value);
  Add(props, "flag", e.vessel.flag);
  Add(props, "type", e.vessel.type);
  Add(props, "tonnage", e.vessel.tonnage);
  Add(props, "grossRegisteredTonnage", e.vessel.gross_registered_tonnage);
  Add(props, "owner", e.vessel.owner);
  Add(props, "model", e.aircraft.model);
  Add(props, "operator", e.aircraft.operator_name);
  for (const Program& p : e.programs) Add(props, "program", p.code);
  Add(props, "listingDate", e.listed_on.ToString());
  for (const auto& r : e.remarks) Add(props, "notes", r);
  for (const auto& u : e.source_urls) Add(props, "sourceUrl", u);
  j["properties"] = std::move(props);
  j["datasets"] = ordered_json::array({e.provenance.list});

  ordered_json x;
  ordered_json names = ordered_json::array();
  for (const Name& n : e.names) {
    ordered_json nj;
    nj["name"] = n.full;
    nj["type"] = std::string(NameTypeName(n.type));
    if (n.quality != NameQuality::kUnspecified)
      nj["quality"] = std::string(NameQualityName(n.quality));
    if (n.original_script) nj["original_script"] = true;
    if (!n.language.empty()) nj["language"] = n.language;
    if (!n.parts.empty()) {
      ordered_json parts;
      if (!n.parts.given.empty()) parts["given"] = n.parts.given;
      if (!n.parts.middle.empty()) parts["middle"] = n.parts.middle;
      if (!n.parts.family.empty()) parts["family"] = n.parts.family;
      if (!n.parts.patronymic.empty()) parts["patronymic"] = n.parts.patronymic;
      if (!n.parts.other.empty()) parts["other"] = n.parts.other;
      nj["parts"] = std::move(parts);
    }
    names.push_back(std::move(nj));
  }
  x["kind"] = std::string(EntityKindName(e.kind));
  x["names"] = std::move(names);
  if (!e.birth_dates.empty()) {
    ordered_json dates = ordered_json::array();
    for (const DateSpec& d : e.birth_dates) {
      ordered_json dj;
      dj["from"] = d.from.ToString();
      if (d.is_range()) dj["to"] = d.to.ToString();
      if (d.circa) dj["circa"] = true;
      dj["text"] = d.text;
      dates.push_back(std::move(dj));
    }
    x["birth_dates"] = std::move(dates);
  }
  if (!e.identifiers.empty()) {
    ordered_json ids = ordered_json::array();
    for (const Identifier& id : e.identifiers) {
      ordered_json ij;
      ij["kind"] = std::string(IdKindName(id.kind));
      ij["value"] = id.value;
      if (!id.country.empty()) ij["country"] = id.country;
      if (!id.label.empty()) ij["label"] = id.label;
      if (!id.notes.empty()) ij["notes"] = id.notes;
      ids.push_back(std::move(ij));
    }
    x["identifiers"] = std::move(ids);
  }
  if (!e.addresses.empty()) {
    ordered_json addrs = ordered_json::array();
    for (const Address& a : e.addresses) {
      ordered_json aj;
      if (!a.street.empty()) aj["street"] = a.street;
      if (!a.city.empty()) aj["city"] = a.city;
      if (!a.region.empty()) aj["region"] = a.region;
      if (!a.postal_code.empty()) aj["postal_code"] = a.postal_code;
      aj["country"] = a.country;
      if (!a.country_text.empty()) aj["country_text"] = a.country_text;
      if (!a.full.empty()) aj["full"] = a.full;
      if (!a.note.empty()) aj["note"] = a.note;
      addrs.push_back(std::move(aj));
    }
    x["addresses"] = std::move(addrs);
  }
  if (!e.vessel.empty()) {
    x["vessel"] = {{"flag", e.vessel.flag},
                   {"flag_text", e.vessel.flag_text},
                   {"type", e.vessel.type},
                   {"tonnage", e.vessel.tonnage},
                   {"grt", e.vessel.gross_registered_tonnage},
                   {"owner", e.vessel.owner},
                   {"build_date", e.vessel.build_date}};
  }
  if (!e.aircraft.empty()) {
    x["aircraft"] = {{"model", e.aircraft.model},
                     {"operator", e.aircraft.operator_name},
                     {"build_date", e.aircraft.build_date}};
  }
  ordered_json programs = ordered_json::array();
  for (const Program& p : e.programs) {
    ordered_json pj;
    pj["code"] = p.code;
    if (!p.name.empty()) pj["name"] = p.name;
    programs.push_back(std::move(pj));
  }
  x["programs"] = std::move(programs);
  x["provenance"] = {{"list", e.provenance.list},
                     {"record_id", e.provenance.record_id},
                     {"published", e.provenance.published.ToString()},
                     {"file", e.provenance.file},
                     {"line", e.provenance.line}};
  j["embargo"] = std::move(x);
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace embargo
