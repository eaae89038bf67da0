// Keeps /openapi.json true: every route the server has is documented with its
// method, every documented path exists, and every status a route answers
// with in practice is among the responses documented for it.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "server/test_client.h"

namespace embargo::server::testing {
namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApiTest, DocumentIsOpenApi3AndParses) {
  json doc = json::parse(Api::OpenApiText(), nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  EXPECT_TRUE(doc["components"]["securitySchemes"].contains("ApiKey"));
  EXPECT_TRUE(doc["components"]["securitySchemes"].contains("Bearer"));
  // Every $ref points at a schema that exists.
  std::string text(Api::OpenApiText());
  size_t pos = 0;
  while ((pos = text.find("\"$ref\": \"#/components/schemas/", pos)) !=
         std::string::npos) {
    pos += strlen("\"$ref\": \"#/components/schemas/");
    std::string name = text.substr(pos, text.find('"', pos) - pos);
    EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << name;
  }
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndNothingElse) {
  json doc = json::parse(Api::OpenApiText());
  std::set<std::pair<std::string, std::string>> routes, documented;
  for (const RouteInfo& r : Api::Routes()) {
    routes.insert({r.pattern, Lower(r.method)});
    ASSERT_TRUE(doc["paths"].contains(r.pattern)) << r.pattern;
    const json& op = doc["paths"][r.pattern][Lower(r.method)];
    ASSERT_TRUE(op.is_object()) << r.method << " " << r.pattern;
    // Open routes say so; the others inherit the global key requirement.
    if (r.open) {
      EXPECT_EQ(op["security"], json::array()) << r.pattern;
    } else {
      EXPECT_FALSE(op.contains("security")) << r.pattern;
      EXPECT_TRUE(op["responses"].contains("401")) << r.pattern;
    }
    if (r.admin) {
      EXPECT_EQ(op["x-embargo-scope"], "admin") << r.pattern;
    }
    // Path parameters are declared.
    if (r.pattern.find('{') != std::string::npos) {
      std::string param = r.pattern.substr(r.pattern.find('{') + 1);
      param = param.substr(0, param.find('}'));
      bool declared = false;
      for (const json& p : op["parameters"])
        declared |=
            p["name"] == param && p["in"] == "path" && p["required"] == true;
      EXPECT_TRUE(declared) << r.pattern;
    }
  }
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items())
      documented.insert({path, method});
  EXPECT_EQ(routes, documented);
}

// Each route exercised live; the statuses seen must be documented.
TEST(OpenApiTest, LiveStatusesAreDocumented) {
  TestServer server({UnList2026(), OfacConsolidated()}, [](ServerConfig* c) {
    c->limits.max_body_bytes = 64 << 10;
    c->limits.max_screen_body_bytes = 1 << 20;
    c->limits.max_rows = 100;
    c->limits.max_name_bytes = 256;
  });
  json doc = json::parse(Api::OpenApiText());
  HttpClient c;
  const std::string& key = server.screen_key();
  const std::string& admin = server.admin_key();
  const std::string match =
      R"({"queries":{"q":{"schema":"Person","properties":{"name":["KIM JONG SIK"]}}}})";
  struct Case {
    std::string route, method, target, body, content_type, auth;
  };
  const std::string kShipment =
      R"({"reference":"T1","date":"2026-11-20","parties":[{"name":"KOREA MINING DEVELOPMENT TRADING CORPORATION","role":"shipper","country":"KP"}],"route":{"loading":"KPNAM","discharge":"CNDLC","origin":"KP"},"goods":[{"hs":"2701.12","description":"Anthracite coal"}]})";
  std::vector<Case> cases = {
      {"/healthz", "GET", "/healthz", "", "", ""},
      {"/readyz", "GET", "/readyz", "", "", ""},
      {"/openapi.json", "GET", "/openapi.json", "", "", key},
      {"/openapi.json", "GET", "/openapi.json", "", "", ""},
      {"/metrics", "GET", "/metrics", "", "", key},
      {"/lists", "GET", "/lists", "", "", key},
      {"/entities/{id}", "GET", "/entities/un-KPi.066", "", "", key},
      {"/entities/{id}", "GET", "/entities/none", "", "", key},
      {"/search", "GET", "/search?name=Kim", "", "", key},
      {"/search", "GET", "/search?name=Kim&limit=x", "", "", key},
      {"/search", "GET", "/search?name=" + std::string(300, 'a'), "", "", key},
      {"/search", "GET", "/search?name=" + std::string(20000, 'a'), "", "",
       key},
      {"/v2/search", "GET", "/v2/search?name=Kim", "", "", key},
      {"/match/{dataset}", "POST", "/match/default", match, "application/json",
       key},
      {"/match/{dataset}", "POST", "/match/default", "{", "application/json",
       key},
      {"/match/{dataset}", "POST", "/match/zz", match, "application/json", key},
      {"/match/{dataset}", "POST", "/match/default",
       std::string(100 << 10, ' '), "application/json", key},
      {"/screen", "POST", "/screen", "name\nKim\n", "text/csv", key},
      {"/screen", "POST", "/screen", "x\n1\n", "text/csv", key},
      {"/screen", "POST", "/screen", "name\n" + std::string(2 << 20, 'a'),
       "text/csv", key},
      {"/trade/check", "POST", "/trade/check", kShipment, "application/json",
       key},
      {"/trade/check", "POST", "/trade/check", "{\"parties\": 3}",
       "application/json", key},
      {"/admin/reload", "POST", "/admin/reload", "", "", key},
      {"/admin/reload", "POST", "/admin/reload", "", "", admin},
  };
  std::set<std::string> exercised;
  for (const Case& k : cases) {
    HttpResult r = c.Request(k.method, server.url(k.target), k.body,
                             k.content_type, k.auth);
    ASSERT_TRUE(r.error.empty()) << k.target << ": " << r.error;
    exercised.insert(k.route);
    const json& responses = doc["paths"][k.route][Lower(k.method)]["responses"];
    EXPECT_TRUE(responses.contains(std::to_string(r.status)))
        << k.method << " " << k.target.substr(0, 60) << " answered " << r.status
        << ", which the document does not list";
  }
  for (const RouteInfo& r : Api::Routes())
    EXPECT_TRUE(exercised.count(r.pattern)) << r.pattern << " has no live case";
}

}  // namespace
}  // namespace embargo::server::testing
