// ParseShipment: the shipment's JSON form into a Shipment, strictly (an
// unknown or misspelt field is an error, not a silently unscreened field).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "embargo/limits.h"
#include "embargo/trade.h"
#include "trade/hs_code.h"
#include "trade/rules.h"

namespace embargo {
namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(const json& obj, std::string path)
      : obj_(obj), path_(std::move(path)) {}

  Status Error(std::string_view key, std::string_view msg) const {
    return Status::DataError(
        fmt::format("shipment: {}{}: {}", path_, key, msg));
  }

  Status CheckObject(std::string_view what) const {
    if (obj_.is_object()) return Status::Ok();
    return Status::DataError(fmt::format("shipment: {}: must be an object",
                                         path_.empty() ? what : Trimmed()));
  }

  Status OnlyKnown(std::initializer_list<std::string_view> known) const {
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
        std::string list;
        for (std::string_view k : known)
          list += (list.empty() ? "" : ", ") + std::string(k);
        return Error(it.key(), fmt::format("unknown field (known: {})", list));
      }
    }
    return Status::Ok();
  }

  const json* Get(std::string_view key) const {
    auto it = obj_.find(std::string(key));
    return it == obj_.end() || it->is_null() ? nullptr : &*it;
  }

  Status String(std::string_view key, std::string* out) const {
    const json* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_string()) return Error(key, "must be a string");
    *out = v->get<std::string>();
    if (out->size() > kMaxShipmentFieldBytes)
      return Status::LimitExceeded(
          fmt::format("shipment: {}{}: longer than {} bytes", path_, key,
                      kMaxShipmentFieldBytes));
    return Status::Ok();
  }

  Status Strings(std::string_view key, std::vector<std::string>* out) const {
    const json* v = Get(key);
    if (!v) return Status::Ok();
    if (v->is_string()) {
      out->push_back(v->get<std::string>());
      return Status::Ok();
    }
    if (!v->is_array())
      return Error(key, "must be a string or an array of strings");
    if (v->size() > kMaxShipmentListItems)
      return Status::LimitExceeded(
          fmt::format("shipment: {}{}: more than {} items", path_, key,
                      kMaxShipmentListItems));
    for (size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string())
        return Error(fmt::format("{}[{}]", key, i), "must be a string");
      out->push_back((*v)[i].get<std::string>());
    }
    return Status::Ok();
  }

  Status Number(std::string_view key, std::optional<double>* out) const {
    const json* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_number()) return Error(key, "must be a number");
    double d = v->get<double>();
    if (!std::isfinite(d) || d < 0) return Error(key, "must be a number >= 0");
    *out = d;
    return Status::Ok();
  }

  std::string Path(std::string_view key) const {
    return fmt::format("{}{}", path_, key);
  }

 private:
  std::string Trimmed() const {
    return path_.empty() ? path_ : path_.substr(0, path_.size() - 1);
  }
  const json& obj_;
  std::string path_;
};

Status ParseIdentifiers(const Reader& r, std::vector<QueryIdentifier>* out) {
  const json* v = r.Get("identifiers");
  if (!v) return Status::Ok();
  if (!v->is_object())
    return r.Error("identifiers",
                   "must be an object of kind -> value, e.g. {\"imo\": "
                   "\"7937317\", \"swift_bic\": \"...\"}");
  Reader ids(*v, r.Path("identifiers."));
  for (auto it = v->begin(); it != v->end(); ++it) {
    std::string key = it.key();
    if (key == "bic" || key == "swift") key = "swift_bic";
    std::optional<IdKind> kind = ParseIdKind(key);
    if (!kind)
      return ids.Error(it.key(),
                       "unknown identifier kind (e.g. imo, "
                       "swift_bic, passport, national_id, "
                       "registration, tax_id, lei)");
    std::vector<std::string> values;
    EMBARGO_RETURN_IF_ERROR(ids.Strings(it.key(), &values));
    for (std::string& value : values)
      if (!value.empty()) out->push_back({*kind, std::move(value)});
  }
  return Status::Ok();
}

Status ParseParty(const json& v, const std::string& path, TradeParty* out,
                  bool name_required) {
  if (v.is_string()) {  // an owner or operator given by name only
    out->name = v.get<std::string>();
    return Status::Ok();
  }
  Reader r(v, path + ".");
  EMBARGO_RETURN_IF_ERROR(r.CheckObject(path));
  EMBARGO_RETURN_IF_ERROR(r.OnlyKnown(
      {"name", "role", "country", "kind", "identifiers", "address"}));
  EMBARGO_RETURN_IF_ERROR(r.String("name", &out->name));
  EMBARGO_RETURN_IF_ERROR(r.String("role", &out->role));
  EMBARGO_RETURN_IF_ERROR(r.String("country", &out->country));
  std::string kind;
  EMBARGO_RETURN_IF_ERROR(r.String("kind", &kind));
  if (!kind.empty()) {
    out->kind = ParseEntityKind(kind);
    if (!out->kind || *out->kind == EntityKind::kVessel ||
        *out->kind == EntityKind::kAircraft)
      return r.Error("kind",
                     fmt::format("'{}' is not person or organization", kind));
  }
  std::string address;  // accepted for the record; the country is screened
  EMBARGO_RETURN_IF_ERROR(r.String("address", &address));
  EMBARGO_RETURN_IF_ERROR(ParseIdentifiers(r, &out->identifiers));
  if (name_required && out->name.empty() && out->identifiers.empty())
    return r.Error("name", "a party needs a name or identifiers");
  return Status::Ok();
}

Status ParseClaims(const Reader& r, std::vector<TradeClaim>* out) {
  const json* v = r.Get("claims");
  if (!v) return Status::Ok();
  json arr = v->is_array() ? *v : json::array({*v});
  if (arr.size() > kMaxShipmentListItems)
    return Status::LimitExceeded(
        fmt::format("shipment: {}: more than {} claims", r.Path("claims"),
                    kMaxShipmentListItems));
  for (size_t i = 0; i < arr.size(); ++i) {
    const json& c = arr[i];
    TradeClaim claim;
    if (c.is_string()) {
      claim.type = c.get<std::string>();
    } else if (c.is_object()) {
      Reader cr(c, fmt::format("{}[{}].", r.Path("claims"), i));
      EMBARGO_RETURN_IF_ERROR(cr.OnlyKnown({"type", "reference"}));
      EMBARGO_RETURN_IF_ERROR(cr.String("type", &claim.type));
      EMBARGO_RETURN_IF_ERROR(cr.String("reference", &claim.reference));
    } else {
      return r.Error(fmt::format("claims[{}]", i),
                     "must be a string or {\"type\", \"reference\"}");
    }
    if (claim.type.empty())
      return r.Error(fmt::format("claims[{}]", i), "the claim's type is empty");
    out->push_back(std::move(claim));
  }
  return Status::Ok();
}

Status ParseVessel(const json& v, TradeVessel* out) {
  Reader r(v, "vessel.");
  EMBARGO_RETURN_IF_ERROR(r.CheckObject("vessel"));
  EMBARGO_RETURN_IF_ERROR(r.OnlyKnown({"name", "imo", "flag", "former_names",
                                       "owner", "operator", "ship_to_ship"}));
  EMBARGO_RETURN_IF_ERROR(r.String("name", &out->name));
  if (const json* imo = r.Get("imo"); imo && imo->is_number_unsigned()) {
    out->imo = std::to_string(imo->get<std::uint64_t>());
  } else {
    EMBARGO_RETURN_IF_ERROR(r.String("imo", &out->imo));
  }
  EMBARGO_RETURN_IF_ERROR(r.String("flag", &out->flag));
  EMBARGO_RETURN_IF_ERROR(r.Strings("former_names", &out->former_names));
  for (const char* role : {"owner", "operator"}) {
    const json* p = r.Get(role);
    if (!p) continue;
    TradeParty party;
    EMBARGO_RETURN_IF_ERROR(ParseParty(*p, r.Path(role), &party, true));
    party.role = role;
    party.kind = EntityKind::kOrganization;
    (role == std::string_view("owner") ? out->owner : out->operator_party) =
        std::move(party);
  }
  if (const json* sts = r.Get("ship_to_ship")) {
    json arr = sts->is_array() ? *sts : json::array({*sts});
    if (arr.size() > kMaxShipmentListItems)
      return Status::LimitExceeded(
          fmt::format("shipment: vessel.ship_to_ship: more than {} transfers",
                      kMaxShipmentListItems));
    for (size_t i = 0; i < arr.size(); ++i) {
      Reader sr(arr[i], fmt::format("vessel.ship_to_ship[{}].", i));
      EMBARGO_RETURN_IF_ERROR(sr.CheckObject("vessel.ship_to_ship"));
      EMBARGO_RETURN_IF_ERROR(
          sr.OnlyKnown({"name", "imo", "flag", "date", "location"}));
      ShipToShipTransfer t;
      EMBARGO_RETURN_IF_ERROR(sr.String("name", &t.name));
      if (const json* imo = sr.Get("imo"); imo && imo->is_number_unsigned()) {
        t.imo = std::to_string(imo->get<std::uint64_t>());
      } else {
        EMBARGO_RETURN_IF_ERROR(sr.String("imo", &t.imo));
      }
      EMBARGO_RETURN_IF_ERROR(sr.String("flag", &t.flag));
      EMBARGO_RETURN_IF_ERROR(sr.String("date", &t.date));
      EMBARGO_RETURN_IF_ERROR(sr.String("location", &t.location));
      if (t.name.empty() && t.imo.empty() && t.flag.empty())
        return sr.Error("name",
                        "a transfer needs the other vessel's name, IMO "
                        "number or flag");
      out->ship_to_ship.push_back(std::move(t));
    }
  }
  return Status::Ok();
}

Status ParseGoods(const json& v, size_t index, GoodsLine* out) {
  Reader r(v, fmt::format("goods[{}].", index));
  EMBARGO_RETURN_IF_ERROR(r.CheckObject("goods"));
  EMBARGO_RETURN_IF_ERROR(r.OnlyKnown({"hs", "description", "quantity", "unit",
                                       "value", "currency", "claims"}));
  if (const json* hs = r.Get("hs"); hs && hs->is_number_unsigned()) {
    out->hs = std::to_string(hs->get<std::uint64_t>());
  } else {
    EMBARGO_RETURN_IF_ERROR(r.String("hs", &out->hs));
  }
  EMBARGO_RETURN_IF_ERROR(r.String("description", &out->description));
  if (out->hs.empty() && out->description.empty())
    return r.Error("hs", "each goods line needs 'hs' or 'description'");
  if (!out->hs.empty() && !internal::NormalizeDeclaredHs(out->hs))
    return r.Error(
        "hs", fmt::format("'{}' is not an HS code (6-10 digits)", out->hs));
  EMBARGO_RETURN_IF_ERROR(r.Number("quantity", &out->quantity));
  EMBARGO_RETURN_IF_ERROR(r.String("unit", &out->unit));
  EMBARGO_RETURN_IF_ERROR(r.Number("value", &out->value));
  EMBARGO_RETURN_IF_ERROR(r.String("currency", &out->currency));
  EMBARGO_RETURN_IF_ERROR(ParseClaims(r, &out->claims));
  return Status::Ok();
}

}  // namespace

Result<Shipment> ParseShipment(std::string_view text) {
  if (text.size() > kMaxShipmentBytes)
    return Status::LimitExceeded(
        fmt::format("shipment: larger than {} bytes", kMaxShipmentBytes));
  Result<json> doc = internal::ParseJsonText(text, "shipment");
  if (!doc.ok()) return doc.status();
  Reader r(*doc, "");
  EMBARGO_RETURN_IF_ERROR(r.CheckObject("the document"));
  EMBARGO_RETURN_IF_ERROR(r.OnlyKnown(
      {"reference", "date", "parties", "vessel", "route", "goods", "claims"}));
  Shipment s;
  EMBARGO_RETURN_IF_ERROR(r.String("reference", &s.reference));
  std::string date;
  EMBARGO_RETURN_IF_ERROR(r.String("date", &date));
  if (!date.empty()) {
    int d = internal::ParseIsoDate(date);
    if (d == 0)
      return r.Error("date",
                     fmt::format("'{}' is not a date (YYYY-MM-DD)", date));
    s.date = {static_cast<std::int16_t>(d / 10000),
              static_cast<std::uint8_t>(d / 100 % 100),
              static_cast<std::uint8_t>(d % 100)};
  }
  if (const json* parties = r.Get("parties")) {
    if (!parties->is_array()) return r.Error("parties", "must be an array");
    if (parties->size() > kMaxShipmentParties)
      return Status::LimitExceeded(fmt::format(
          "shipment: parties: more than {} parties", kMaxShipmentParties));
    for (size_t i = 0; i < parties->size(); ++i) {
      TradeParty p;
      if (!(*parties)[i].is_object())
        return r.Error(fmt::format("parties[{}]", i), "must be an object");
      EMBARGO_RETURN_IF_ERROR(
          ParseParty((*parties)[i], fmt::format("parties[{}]", i), &p, true));
      s.parties.push_back(std::move(p));
    }
  }
  if (const json* vessel = r.Get("vessel")) {
    TradeVessel v;
    EMBARGO_RETURN_IF_ERROR(ParseVessel(*vessel, &v));
    s.vessel = std::move(v);
  }
  if (const json* route = r.Get("route")) {
    Reader rr(*route, "route.");
    EMBARGO_RETURN_IF_ERROR(rr.CheckObject("route"));
    EMBARGO_RETURN_IF_ERROR(rr.OnlyKnown(
        {"loading", "transshipment", "discharge", "destination", "origin"}));
    EMBARGO_RETURN_IF_ERROR(rr.String("loading", &s.route.loading));
    EMBARGO_RETURN_IF_ERROR(
        rr.Strings("transshipment", &s.route.transshipment));
    EMBARGO_RETURN_IF_ERROR(rr.String("discharge", &s.route.discharge));
    EMBARGO_RETURN_IF_ERROR(rr.String("destination", &s.route.destination));
    EMBARGO_RETURN_IF_ERROR(rr.String("origin", &s.route.origin));
  }
  if (const json* goods = r.Get("goods")) {
    if (!goods->is_array()) return r.Error("goods", "must be an array");
    if (goods->size() > kMaxShipmentGoods)
      return Status::LimitExceeded(fmt::format(
          "shipment: goods: more than {} lines", kMaxShipmentGoods));
    for (size_t i = 0; i < goods->size(); ++i) {
      GoodsLine g;
      EMBARGO_RETURN_IF_ERROR(ParseGoods((*goods)[i], i, &g));
      s.goods.push_back(std::move(g));
    }
  }
  EMBARGO_RETURN_IF_ERROR(ParseClaims(r, &s.claims));
  return s;
}

}  // namespace embargo
