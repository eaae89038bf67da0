// A yente request sent unchanged must get a yente-shaped answer: the fixture
// request in tests/fixtures/server/ and the facts its answer must hold.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "server/test_client.h"

namespace embargo::server::testing {
namespace {

using nlohmann::json;

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/server/" +
                   name);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// The fields and types of yente's EntityMatchResponse / ScoredEntityResponse
// (yente/data/common.py), which its clients parse.
void ExpectYenteShape(const json& r) {
  ASSERT_TRUE(r.is_object());
  ASSERT_TRUE(r["responses"].is_object());
  ASSERT_TRUE(r["matcher"].is_object());
  ASSERT_TRUE(r["limit"].is_number_integer());
  for (const auto& [key, m] : r["responses"].items()) {
    ASSERT_TRUE(m["status"].is_number_integer()) << key;
    ASSERT_TRUE(m["results"].is_array()) << key;
    ASSERT_TRUE(m["total"]["value"].is_number_integer()) << key;
    EXPECT_EQ(m["total"]["relation"], "eq") << key;
    EXPECT_GE(m["total"]["value"].get<size_t>(), m["results"].size()) << key;
    ASSERT_TRUE(m["query"]["schema"].is_string()) << key;
    ASSERT_TRUE(m["query"]["properties"].is_object()) << key;
    double previous = 2;
    for (const json& e : m["results"]) {
      for (const char* s : {"id", "caption", "schema"})
        EXPECT_TRUE(e[s].is_string()) << s;
      EXPECT_TRUE(e["properties"].is_object());
      for (const auto& [prop, values] : e["properties"].items()) {
        ASSERT_TRUE(values.is_array()) << prop;
        for (const json& v : values) EXPECT_TRUE(v.is_string()) << prop;
      }
      EXPECT_TRUE(e["datasets"].is_array());
      EXPECT_TRUE(e["referents"].is_array());
      EXPECT_TRUE(e["target"].is_boolean());
      for (const char* t : {"first_seen", "last_seen", "last_change"})
        EXPECT_TRUE(e.contains(t)) << t;
      ASSERT_TRUE(e["score"].is_number());
      EXPECT_LE(e["score"].get<double>(), previous);  // best first
      previous = e["score"].get<double>();
      EXPECT_GE(previous, 0.5);  // yente's default cutoff
      ASSERT_TRUE(e["features"].is_object());
      for (const auto& [f, v] : e["features"].items())
        EXPECT_TRUE(v.is_number()) << f;
      ASSERT_TRUE(e["match"].is_boolean());
      EXPECT_EQ(e["match"].get<bool>(), e["score"].get<double>() >= 0.8);
      EXPECT_TRUE(e["explanations"]["tokens"].is_array());
    }
  }
}

TEST(YenteFixtureTest, RequestFromYenteGetsAYenteAnswer) {
  TestServer server({UnList2026(), OfacConsolidated()});
  HttpClient c;
  std::string request = ReadFixture("yente_match_request.json");
  ASSERT_FALSE(request.empty());
  json expected = json::parse(ReadFixture("yente_match_expected.json"));
  HttpResult r = c.Post(server.url("/match/default"), request,
                        "application/json", server.screen_key());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["x-batch-size"], "4");
  json got = json::parse(r.body);
  ExpectYenteShape(got);
  EXPECT_EQ(got["limit"], expected["limit"]);
  ASSERT_EQ(got["responses"].size(), expected["responses"].size());
  for (const auto& [key, want] : expected["responses"].items()) {
    SCOPED_TRACE(key);
    const json& m = got["responses"][key];
    EXPECT_EQ(m["status"], want["status"]);
    EXPECT_EQ(m["query"], want["query"]);
    if (want["top"].is_null()) {
      EXPECT_EQ(m["results"].size(), 0u);
      EXPECT_EQ(m["total"]["value"], 0);
      continue;
    }
    ASSERT_GE(m["results"].size(), 1u);
    const json& top = m["results"][0];
    for (const auto& [field, value] : want["top"].items())
      EXPECT_EQ(top[field], value) << field;
  }
  // The same request through `limit` and a dataset in the path.
  HttpResult one = c.Post(server.url("/match/un_sc?limit=1&algorithm=logic-v1"),
                          request, "application/json", server.screen_key());
  ASSERT_EQ(one.status, 200);
  json oj = json::parse(one.body);
  EXPECT_EQ(oj["limit"], 1);
  EXPECT_EQ(oj["responses"]["entity1"]["results"].size(), 1u);
  // "total" counts every result over the cutoff, not just the page.
  EXPECT_EQ(oj["responses"]["entity1"]["total"],
            got["responses"]["entity1"]["total"]);
  EXPECT_GT(oj["responses"]["entity1"]["total"]["value"].get<int>(), 1);
}

}  // namespace
}  // namespace embargo::server::testing
