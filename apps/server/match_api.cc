// POST /match/{dataset} (yente's query-by-example API, so yente clients work
// unchanged) and GET /search (Watchman's /v2/search).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "embargo/country.h"
#include "embargo/screen.h"
#include "model/date.h"
#include "model/json_depth.h"
#include "screen/json_util.h"
#include "server/api.h"
#include "sources/io.h"

namespace embargo::server {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// yente's defaults (MATCH_PAGE, SCORE_CUTOFF); the match threshold is
// embargo's own, as the scores are embargo's.
constexpr size_t kYenteDefaultLimit = 5;
constexpr double kYenteDefaultCutoff = 0.5;
constexpr size_t kWatchmanDefaultLimit = 10;
constexpr size_t kWatchmanMaxLimit = 100;

// Names yente and nomenklatura give their scoring algorithms. embargo has one
// scorer; any of these selects it, so clients that name one keep working.
constexpr const char* kAlgorithms[] = {
    "embargo",       "best",           "logic-v1",      "logic-v2",
    "name-based",    "name-qualified", "regression-v1", "regression-v2",
    "regression-v3", "ofac-249"};

// Parses a numeric query parameter; sets `error` when malformed or out of
// [lo, hi].
template <typename T>
T NumParam(const Request& r, std::string_view name, T def, T lo, T hi,
           std::string* error) {
  const std::string* v = r.Param(name);
  if (!v || v->empty()) return def;
  try {
    size_t used = 0;
    double d = std::stod(*v, &used);
    if (used != v->size()) throw std::invalid_argument("junk");
    if (d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
      *error = fmt::format("{}: {} is outside [{}, {}]", name, *v, lo, hi);
      return def;
    }
    return static_cast<T>(d);
  } catch (const std::exception&) {
    *error = fmt::format("{}: '{}' is not a number", name, *v);
    return def;
  }
}

std::optional<EntityKind> KindOfSchema(std::string_view schema, bool* known) {
  *known = true;
  if (schema == "Person") return EntityKind::kPerson;
  if (schema == "Organization" || schema == "Company" || schema == "PublicBody")
    return EntityKind::kOrganization;
  if (schema == "Vessel") return EntityKind::kVessel;
  if (schema == "Airplane") return EntityKind::kAircraft;
  if (schema == "LegalEntity" || schema == "Thing" || schema == "Asset")
    return std::nullopt;
  *known = false;
  return std::nullopt;
}

struct IdProperty {
  const char* name;
  IdKind kind;
};
constexpr IdProperty kIdProperties[] = {
    {"idNumber", IdKind::kNationalId},
    {"passportNumber", IdKind::kPassport},
    {"imoNumber", IdKind::kImo},
    {"swiftBic", IdKind::kSwiftBic},
    {"bicCode", IdKind::kSwiftBic},
    {"registrationNumber", IdKind::kRegistration},
    {"taxNumber", IdKind::kTaxId},
    {"innCode", IdKind::kTaxId},
    {"vatCode", IdKind::kTaxId},
    {"leiCode", IdKind::kLei},
    {"mmsi", IdKind::kMmsi},
    {"callSign", IdKind::kCallSign},
    {"serialNumber", IdKind::kAircraftSerial},
    {"email", IdKind::kEmail},
    {"website", IdKind::kWebsite},
    {"phone", IdKind::kPhone},
};

// One /match example turned into embargo queries (one per name).
// bugprone-exception-escape blames the implicit noexcept move of
// ordered_json, whose helpers only assert, never throw.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct Example {
  std::string schema;
  ordered_json echo;  // the example as understood, for "query"
  std::vector<Query> queries;
};

// Every value of a property as strings. Fails on non-scalar values.
bool PropertyValues(const ordered_json& v, std::vector<std::string>* out) {
  auto one = [&](const ordered_json& x) {
    if (x.is_string())
      out->push_back(x.get<std::string>());
    else if (x.is_number())
      out->push_back(x.dump());
    else if (!x.is_null())
      return false;
    return true;
  };
  if (v.is_array()) {
    for (const auto& x : v)
      if (!one(x)) return false;
    return true;
  }
  return one(v);
}

Status ParseExample(const std::string& key, const ordered_json& ex,
                    const ServerLimits& limits, Example* out) {
  auto bad = [&](const std::string& what) {
    return Status::InvalidArgument(
        fmt::format("Cannot parse example entity '{}': {}", key, what));
  };
  if (!ex.is_object()) return bad("not an object");
  auto schema_it = ex.find("schema");
  if (schema_it == ex.end() || !schema_it->is_string()) return bad("no schema");
  out->schema = schema_it->get<std::string>();
  bool known = false;
  std::optional<EntityKind> kind = KindOfSchema(out->schema, &known);
  if (!known) return bad(fmt::format("unknown schema '{}'", out->schema));
  auto props_it = ex.find("properties");
  if (props_it == ex.end() || !props_it->is_object())
    return bad("no properties");

  std::map<std::string, std::vector<std::string>> props;
  for (const auto& [name, v] : props_it->items()) {
    std::vector<std::string> values;
    if (!PropertyValues(v, &values))
      return bad(fmt::format("property {}: values must be strings", name));
    for (std::string& s : values) {
      if (s.size() > limits.max_name_bytes)
        return bad(fmt::format("property {}: a value is longer than {} bytes",
                               name, limits.max_name_bytes));
      if (!s.empty()) props[name].push_back(std::move(s));
    }
  }
  static const std::vector<std::string> kNone;
  auto values = [&](const char* name) -> const std::vector<std::string>& {
    auto it = props.find(name);
    return it == props.end() ? kNone : it->second;
  };
  std::vector<std::string> names;
  for (const char* p : {"name", "alias", "previousName", "weakAlias"})
    for (const std::string& n : values(p)) names.push_back(n);
  if (names.empty()) {
    std::string joined;
    for (const char* p :
         {"firstName", "secondName", "middleName", "fatherName", "lastName"})
      for (const std::string& n : values(p))
        joined += (joined.empty() ? "" : " ") + n;
    if (!joined.empty()) names.push_back(joined);
  }
  if (names.size() > limits.max_names_per_query)
    return bad(fmt::format("more than {} names", limits.max_names_per_query));

  Query base;
  base.kind = kind;
  for (const std::string& d : values("birthDate")) {
    auto date = internal::ParsePartialDate(d);
    if (date) {
      base.birth_date = *date;
      break;
    }
  }
  for (const char* p :
       {"nationality", "citizenship", "country", "jurisdiction", "flag"}) {
    for (const std::string& c : values(p)) {
      std::string code = CountryCode(c);
      if (!code.empty()) {
        base.country = code;
        break;
      }
    }
    if (!base.country.empty()) break;
  }
  for (const std::string& g : values("gender")) {
    if (g == "male" || g == "m") base.gender = Gender::kMale;
    if (g == "female" || g == "f") base.gender = Gender::kFemale;
  }
  for (const IdProperty& ip : kIdProperties)
    for (const std::string& v : values(ip.name))
      base.identifiers.push_back({ip.kind, v});
  if (names.empty() && base.identifiers.empty())
    return bad("no name and no identifier to match on");
  if (names.empty()) names.push_back("");
  for (std::string& n : names) {
    Query q = base;
    q.name = std::move(n);
    // Also catches a name joined from its parts past the limits.
    if (Status st = ValidateQuery(q, limits.max_name_bytes); !st.ok())
      return bad(st.message());
    out->queries.push_back(std::move(q));
  }
  ordered_json echo;
  if (auto id = ex.find("id"); id != ex.end() && id->is_string())
    echo["id"] = *id;
  echo["schema"] = out->schema;
  ordered_json ep = ordered_json::object();
  for (const auto& [k, v] : props) ep[k] = v;
  echo["properties"] = std::move(ep);
  out->echo = std::move(echo);
  return Status::Ok();
}

// The explanation as JSON text: the listed name that matched, the list, and
// what MatchToJson() calls "explanation". Written directly: /search answers
// tens of thousands of these a second.
void AppendExplanation(std::string* out, const embargo::Match& m) {
  std::string leading = "\"matched_name\":";
  internal::AppendJsonString(&leading, m.matched_name);
  leading += ",\"list\":";
  internal::AppendJsonString(&leading, m.list);
  internal::AppendExplanationJson(out, m.explanation, leading);
}

ordered_json ExplanationJson(const embargo::Match& m) {
  std::string text;
  AppendExplanation(&text, m);
  return ordered_json::parse(text, nullptr, false);
}

ordered_json YenteResult(const Match& m, double threshold) {
  ordered_json e = ordered_json::parse(EntityToJson(*m.entity), nullptr, false);
  ordered_json r;
  r["id"] = m.entity->id;
  r["caption"] = e.value("caption", m.entity->primary_name());
  r["schema"] = std::string(FtmSchemaName(m.entity->kind));
  r["properties"] =
      e.contains("properties") ? e["properties"] : ordered_json::object();
  r["datasets"] = ordered_json::array({m.list});
  r["referents"] = ordered_json::array();
  r["target"] = true;
  r["first_seen"] = nullptr;
  r["last_seen"] = nullptr;
  r["last_change"] = nullptr;
  r["score"] = m.score;
  ordered_json features;
  features["name"] = m.explanation.name_score;
  for (const FeatureContribution& f : m.explanation.features)
    features[f.feature] = f.delta;
  r["features"] = std::move(features);
  r["match"] = m.score >= threshold;
  r["explanations"] = ExplanationJson(m);
  return r;
}

ordered_json MatcherDocs() {
  ordered_json docs;
  auto doc = [&](const char* name, const char* text) {
    docs[name] = {
        {"description", text}, {"coefficient", 1.0}, {"url", nullptr}};
  };
  doc("name",
      "Token-aligned name similarity (exact, romanization, typo, initials)");
  doc("birth_date", "Birth date agreement or conflict");
  doc("country", "Nationality or country agreement or conflict");
  doc("gender", "Gender conflict");
  doc("identifier", "An identifier (passport, IMO, BIC, ...) matching exactly");
  return docs;
}

std::string RfcDate(const PartialDate& d) {
  return fmt::format("{:04d}-{:02d}-{:02d}T00:00:00Z", d.year,
                     d.month ? d.month : 1, d.day ? d.day : 1);
}

const char* WatchmanType(EntityKind k) {
  switch (k) {
    case EntityKind::kPerson:
      return "person";
    case EntityKind::kOrganization:
      return "business";
    case EntityKind::kVessel:
      return "vessel";
    case EntityKind::kAircraft:
      return "aircraft";
  }
  return "business";
}

void AppendKey(std::string* out, const char* key, std::string_view value) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
  internal::AppendJsonString(out, value);
}

void AppendStrings(std::string* out, const char* key,
                   const std::vector<std::string>& v) {
  out->push_back('"');
  out->append(key);
  out->append("\":[");
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out->push_back(',');
    internal::AppendJsonString(out, v[i]);
  }
  out->push_back(']');
}

const std::string* FirstId(const embargo::Entity& e, IdKind kind) {
  for (const Identifier& id : e.identifiers)
    if (id.kind == kind) return &id.value;
  return nullptr;
}

// Watchman's entity, up to its score: the fields of the entity alone.
void AppendEntityFields(std::string* out, const embargo::Match& m) {
  const embargo::Entity& e = *m.entity;
  static const std::string kEmpty;
  out->push_back('{');
  AppendKey(out, "id", e.id);
  out->push_back(',');
  AppendKey(out, "name", e.primary_name());
  out->push_back(',');
  AppendKey(out, "entityType", WatchmanType(e.kind));
  out->push_back(',');
  AppendKey(out, "sourceList", m.list);
  out->push_back(',');
  AppendKey(out, "sourceID", e.provenance.record_id);
  out->append(",\"");
  out->append(e.kind == EntityKind::kPerson         ? "person"
              : e.kind == EntityKind::kOrganization ? "business"
              : e.kind == EntityKind::kVessel       ? "vessel"
                                                    : "aircraft");
  out->append("\":{");
  AppendKey(out, "name", e.primary_name());
  out->append(",\"altNames\":[");
  for (size_t i = 1; i < e.names.size(); ++i) {
    if (i > 1) out->push_back(',');
    internal::AppendJsonString(out, e.names[i].full);
  }
  out->push_back(']');
  auto ids = [&] {
    out->append(",\"governmentIDs\":[");
    for (size_t i = 0; i < e.identifiers.size(); ++i) {
      const Identifier& id = e.identifiers[i];
      if (i) out->push_back(',');
      out->push_back('{');
      AppendKey(out, "type", IdKindName(id.kind));
      out->push_back(',');
      AppendKey(out, "country", id.country);
      out->push_back(',');
      AppendKey(out, "identifier", id.value);
      out->push_back('}');
    }
    out->push_back(']');
  };
  switch (e.kind) {
    case EntityKind::kPerson:
      out->push_back(',');
      AppendKey(out, "gender", GenderName(e.gender));
      out->append(",\"birthDate\":");
      if (e.birth_dates.empty() || e.birth_dates[0].from.empty())
        out->append("null");
      else
        internal::AppendJsonString(out, RfcDate(e.birth_dates[0].from));
      out->push_back(',');
      AppendStrings(out, "titles", e.titles);
      ids();
      break;
    case EntityKind::kOrganization:
      ids();
      break;
    case EntityKind::kVessel: {
      const std::string* imo = FirstId(e, IdKind::kImo);
      const std::string* mmsi = FirstId(e, IdKind::kMmsi);
      const std::string* call = FirstId(e, IdKind::kCallSign);
      out->push_back(',');
      AppendKey(out, "imoNumber", imo ? *imo : kEmpty);
      out->push_back(',');
      AppendKey(out, "type", e.vessel.type);
      out->push_back(',');
      AppendKey(out, "flag", e.vessel.flag);
      out->push_back(',');
      AppendKey(out, "mmsi", mmsi ? *mmsi : kEmpty);
      out->push_back(',');
      AppendKey(out, "callSign", call ? *call : kEmpty);
      out->push_back(',');
      AppendKey(out, "tonnage", e.vessel.tonnage);
      out->push_back(',');
      AppendKey(out, "owner", e.vessel.owner);
      break;
    }
    case EntityKind::kAircraft: {
      const std::string* serial = FirstId(e, IdKind::kAircraftSerial);
      out->push_back(',');
      AppendKey(out, "model", e.aircraft.model);
      out->push_back(',');
      AppendKey(out, "serialNumber", serial ? *serial : kEmpty);
      break;
    }
  }
  out->append("},\"addresses\":[");
  for (size_t i = 0; i < e.addresses.size(); ++i) {
    const Address& a = e.addresses[i];
    if (i) out->push_back(',');
    out->push_back('{');
    AppendKey(out, "line1", a.street);
    out->push_back(',');
    AppendKey(out, "city", a.city);
    out->push_back(',');
    AppendKey(out, "state", a.region);
    out->push_back(',');
    AppendKey(out, "postalCode", a.postal_code);
    out->push_back(',');
    AppendKey(out, "country", a.country);
    out->push_back('}');
  }
  out->append("],\"sanctionsInfo\":{\"programs\":[");
  for (size_t i = 0; i < e.programs.size(); ++i) {
    if (i) out->push_back(',');
    internal::AppendJsonString(out, e.programs[i].code);
  }
  out->append("]}");
}

}  // namespace

Response Api::Match(const Request& r, const std::string& dataset) {
  auto snap = lists_->Current();
  if (!snap) return Error(503, "not_ready", "the lists are still loading");
  auto finish = [&](Response resp) {
    resp.headers.emplace_back(kVersionHeader, snap->version);
    return resp;
  };
  const ServerLimits& limits = config_.limits;
  std::string error;
  size_t limit = NumParam<size_t>(r, "limit", kYenteDefaultLimit, 1,
                                  limits.max_limit, &error);
  double threshold =
      NumParam<double>(r, "threshold", kDefaultThreshold, 0.0, 1.0, &error);
  double cutoff =
      NumParam<double>(r, "cutoff", kYenteDefaultCutoff, 0.0, 1.0, &error);
  if (!error.empty()) return finish(Error(400, "bad_request", error));
  if (const std::string* algo = r.Param("algorithm")) {
    bool known = false;
    for (const char* a : kAlgorithms) known |= *algo == a;
    if (!known)
      return finish(Error(400, "bad_request",
                          fmt::format("Invalid algorithm: {}", *algo)));
  }
  SearchOptions opts;
  // A wider window than returned, so "total" counts what passed the cutoff
  // rather than what fit in the page.
  opts.limit = std::min(limits.max_limit, std::max<size_t>(limit * 4, 20));
  opts.threshold = std::min(cutoff, threshold);
  bool dataset_known = dataset == "default";
  for (const ListSummary& l : snap->screener->summaries())
    dataset_known |= l.info.name == dataset;
  if (!dataset_known)
    return finish(
        Error(404, "not_found", fmt::format("Dataset not found: {}", dataset)));
  std::vector<std::string> include = r.ParamList("include_dataset");
  if (dataset != "default") {
    // The path's dataset bounds the search; include_dataset narrows it.
    if (include.empty() ||
        std::find(include.begin(), include.end(), dataset) != include.end())
      include = {dataset};
    else
      include = {"\x01none"};  // an intersection that is empty
  }
  opts.include_lists = std::move(include);
  opts.exclude_lists = r.ParamList("exclude_dataset");
  opts.exclude_entity_ids = r.ParamList("exclude_entity_ids");
  std::vector<std::string> exclude_schema = r.ParamList("exclude_schema");

  if (size_t at = internal::FindJsonDepthOverflow(r.body, kMaxJsonDepth);
      at != std::string::npos)
    return finish(Error(
        400, "bad_request",
        fmt::format("the body nests JSON deeper than {} levels (at byte {})",
                    kMaxJsonDepth, at + 1)));
  ordered_json body =
      ordered_json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded())
    return finish(Error(400, "bad_request",
                        "the body is not valid JSON (or not valid UTF-8)"));
  if (!body.is_object() || !body.contains("queries") ||
      !body["queries"].is_object())
    return finish(
        Error(400, "bad_request", "the body needs a \"queries\" object"));
  const ordered_json& queries = body["queries"];
  if (queries.empty())
    return finish(Error(400, "bad_request", "No queries provided."));
  if (queries.size() > limits.max_queries)
    return finish(Error(400, "bad_request",
                        fmt::format("Too many queries in one batch (limit: {})",
                                    limits.max_queries)));
  std::vector<std::pair<std::string, Example>> examples;
  for (const auto& [key, ex] : queries.items()) {
    Example e;
    Status st = ParseExample(key, ex, limits, &e);
    if (!st.ok()) return finish(Error(400, "bad_request", st.message()));
    examples.emplace_back(key, std::move(e));
  }

  auto deadline =
      r.received +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(limits.request_timeout));
  ordered_json responses = ordered_json::object();
  size_t total_matches = 0;
  for (auto& [key, ex] : examples) {
    if (std::chrono::steady_clock::now() > deadline)
      return finish(
          Error(503, "timeout",
                fmt::format("the request took longer than {} s; send fewer "
                            "queries per request",
                            limits.request_timeout)));
    // Best match per entity over the example's names.
    std::unordered_map<std::string_view, embargo::Match> best;
    for (const Query& q : ex.queries) {
      for (embargo::Match& m : snap->screener->Search(q, opts)) {
        bool skip = false;
        for (const std::string& s : exclude_schema)
          skip |= s == FtmSchemaName(m.entity->kind);
        if (skip) continue;
        auto it = best.find(m.entity->id);
        if (it == best.end())
          best.emplace(m.entity->id, std::move(m));
        else if (m.score > it->second.score)
          it->second = std::move(m);
      }
    }
    std::vector<embargo::Match> ranked;
    ranked.reserve(best.size());
    for (auto& [id, m] : best) ranked.push_back(std::move(m));
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.entity->id < b.entity->id;
    });
    size_t total = ranked.size();
    if (ranked.size() > limit) ranked.resize(limit);
    ordered_json results = ordered_json::array();
    for (const embargo::Match& m : ranked)
      results.push_back(YenteResult(m, threshold));
    total_matches += ranked.size();
    ordered_json resp;
    resp["status"] = 200;
    resp["results"] = std::move(results);
    resp["total"] = {{"value", total}, {"relation", "eq"}};
    resp["query"] = std::move(ex.echo);
    responses[key] = std::move(resp);
  }
  match_queries_->Inc(examples.size());
  match_matches_->Inc(total_matches);
  ordered_json out;
  out["responses"] = std::move(responses);
  out["matcher"] = MatcherDocs();
  out["limit"] = limit;
  Response resp;
  resp.body = Dump(out);
  resp.headers.emplace_back("x-batch-size", std::to_string(examples.size()));
  return finish(std::move(resp));
}

Response Api::Search(const Request& r) {
  auto snap = lists_->Current();
  if (!snap) return Error(503, "not_ready", "the lists are still loading");
  auto finish = [&](Response resp) {
    resp.headers.emplace_back(kVersionHeader, snap->version);
    return resp;
  };
  const ServerLimits& limits = config_.limits;
  std::string error;
  size_t limit =
      NumParam<size_t>(r, "limit", kWatchmanDefaultLimit, 1,
                       std::min(kWatchmanMaxLimit, limits.max_limit), &error);
  double min_match = NumParam<double>(r, "minMatch", 0.0, 0.0, 1.0, &error);
  if (!error.empty()) return finish(Error(400, "bad_request", error));
  Query q;
  if (const std::string* name = r.Param("name")) q.name = *name;
  if (q.name.size() > limits.max_name_bytes)
    return finish(Error(
        413, "name_too_long",
        fmt::format("name: longer than {} bytes", limits.max_name_bytes)));
  if (Status st = ValidateQuery(q, limits.max_name_bytes); !st.ok())
    return finish(Error(400, "bad_request", st.message()));
  if (const std::string* type = r.Param("type"); type && !type->empty()) {
    std::string t = *type;
    for (char& c : t)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t == "business") t = "organization";
    q.kind = ParseEntityKind(t);
    if (!q.kind)
      return finish(
          Error(400, "bad_request",
                fmt::format("type: unknown type '{}' (person, business, "
                            "organization, vessel, aircraft)",
                            *type)));
  }
  if (const std::string* d = r.Param("birthDate"); d && !d->empty()) {
    auto date = internal::ParsePartialDate(*d);
    if (!date)
      return finish(Error(
          400, "bad_request",
          fmt::format("birthDate: '{}' is not a date (YYYY[-MM[-DD]])", *d)));
    q.birth_date = *date;
  }
  if (const std::string* c = r.Param("country"); c && !c->empty()) {
    q.country = CountryCode(*c);
    if (q.country.empty())
      return finish(Error(400, "bad_request",
                          fmt::format("country: unknown country '{}'", *c)));
  }
  if (const std::string* imo = r.Param("imoNumber"); imo && !imo->empty()) {
    std::string v = *imo;
    if (v.rfind("IMO", 0) == 0) v = v.substr(3);
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    q.identifiers.push_back({IdKind::kImo, v});
  }
  if (q.name.empty() && q.identifiers.empty())
    return finish(Error(400, "bad_request", "name (or imoNumber) is required"));
  SearchOptions opts;
  opts.limit = limit;
  opts.threshold = min_match;
  std::vector<embargo::Match> matches = snap->screener->Search(q, opts);
  search_queries_->Inc();
  search_matches_->Inc(matches.size());
  Response resp;
  std::string& out = resp.body;
  out.reserve(1024 + matches.size() * 1024);
  out.append("{\"query\":{");
  AppendKey(&out, "name", q.name);
  if (q.kind) {
    out.push_back(',');
    AppendKey(&out, "type", WatchmanType(*q.kind));
  }
  if (!q.birth_date.empty()) {
    out.push_back(',');
    AppendKey(&out, "birthDate", q.birth_date.ToString());
  }
  if (!q.country.empty()) {
    out.push_back(',');
    AppendKey(&out, "country", q.country);
  }
  out.append(",\"limit\":");
  out.append(std::to_string(limit));
  out.append(",\"minMatch\":");
  internal::AppendScore(&out, min_match);
  out.append("},\"entities\":[");
  for (size_t i = 0; i < matches.size(); ++i) {
    if (i) out.push_back(',');
    AppendWatchmanEntityFields(&out, matches[i], snap->generation);
    out.append(",\"match\":");
    internal::AppendScore(&out, matches[i].score);
    out.append(",\"details\":");
    AppendExplanation(&out, matches[i]);
    out.push_back('}');
  }
  out.append("]}");
  return finish(std::move(resp));
}

void Api::AppendWatchmanEntityFields(std::string* out, const embargo::Match& m,
                                     std::uint64_t generation) {
  // Enough for every entity of the largest lists (a few kB each at most).
  constexpr size_t kMaxRendered = 50000 / kRenderedShards;
  RenderedEntities& shard =
      rendered_[std::hash<std::string>{}(m.entity->id) % kRenderedShards];
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    if (shard.generation == generation) {
      if (auto it = shard.json.find(m.entity->id); it != shard.json.end()) {
        out->append(it->second);
        return;
      }
    }
  }
  const size_t at = out->size();
  AppendEntityFields(out, m);
  std::lock_guard<std::mutex> lock(shard.mu);
  // A request on an older version renders for itself only.
  if (generation < shard.generation) return;
  if (generation > shard.generation || shard.json.size() >= kMaxRendered) {
    shard.json.clear();
    shard.generation = generation;
  }
  shard.json.emplace(m.entity->id, out->substr(at));
}

}  // namespace embargo::server
