// End-to-end tests: the server on a loopback port, driven by a real HTTP
// client (libcurl) and by raw sockets for clients that misbehave.
#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string_view>
#include <thread>

#include "embargo/screen.h"
#include "server/test_client.h"

namespace embargo::server::testing {
namespace {

using nlohmann::json;

void SmallLimits(ServerConfig* c) {
  c->limits.max_body_bytes = 64 << 10;
  c->limits.max_screen_body_bytes = 1 << 20;
  c->limits.max_header_bytes = 8 << 10;
  c->limits.header_timeout = 1;
  c->limits.idle_timeout = 2;
  c->limits.body_timeout = 2;
  c->limits.max_rows = 2000;
  c->limits.max_name_bytes = 256;
  c->limits.max_queries = 10;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer({UnList2026(), OfacConsolidated()}, SmallLimits);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer* server_;
  HttpClient client_;
};
TestServer* ServerTest::server_ = nullptr;

// Routes match by segments: repeated and trailing slashes are ignored, a
// segment more or less is another path, and a {param} takes one segment.
TEST_F(ServerTest, RoutesMatchBySegments) {
  EXPECT_EQ(client_.Get(server_->url("//healthz")).status, 200);
  EXPECT_EQ(client_.Get(server_->url("/healthz/")).status, 200);
  EXPECT_EQ(client_.Get(server_->url("/healthz/x")).status, 404);
  EXPECT_EQ(client_.Get(server_->url("/")).status, 404);
  const std::string& key = server_->screen_key();
  EXPECT_EQ(client_.Get(server_->url("/entities"), key).status, 404);
  EXPECT_EQ(client_.Get(server_->url("/entities/a/b"), key).status, 404);
  HttpResult missing = client_.Get(server_->url("/entities//nope"), key);
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("nope"), std::string::npos) << missing.body;
}

TEST_F(ServerTest, HealthAndReadinessNeedNoKey) {
  HttpResult h = client_.Get(server_->url("/healthz"));
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(json::parse(h.body)["status"], "ok");
  HttpResult r = client_.Get(server_->url("/readyz"));
  EXPECT_EQ(r.status, 200);
  json j = json::parse(r.body);
  EXPECT_EQ(j["status"], "ready");
  EXPECT_EQ(j["missing_lists"].size(), 0u);
  EXPECT_EQ(j["generation"], 1);
}

TEST_F(ServerTest, EveryOtherRouteNeedsAKey) {
  for (const char* path : {"/lists", "/metrics", "/openapi.json",
                           "/entities/un-KPi.033", "/search?name=x"}) {
    HttpResult r = client_.Get(server_->url(path));
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_EQ(r.headers["www-authenticate"], "ApiKey, Bearer") << path;
    EXPECT_EQ(json::parse(r.body)["error"], "unauthenticated") << path;
  }
  EXPECT_EQ(
      client_.Post(server_->url("/match/default"), "{}", "application/json")
          .status,
      401);
  EXPECT_EQ(
      client_.Post(server_->url("/screen"), "name\nx\n", "text/csv").status,
      401);
  EXPECT_EQ(
      client_.Get(server_->url("/lists"), "ApiKey emb_00000000_wrong").status,
      401);
  EXPECT_EQ(client_.Get(server_->url("/lists"), "Basic dXNlcjpwYXNz").status,
            401);
}

TEST_F(ServerTest, KeysWorkAsApiKeyOrBearerAndScopesHold) {
  std::string key = server_->screen_key().substr(strlen("ApiKey "));
  EXPECT_EQ(client_.Get(server_->url("/lists"), "ApiKey " + key).status, 200);
  EXPECT_EQ(client_.Get(server_->url("/lists"), "Bearer " + key).status, 200);
  EXPECT_EQ(client_.Get(server_->url("/lists"), "apikey " + key).status, 200);
  HttpResult forbidden =
      client_.Post(server_->url("/admin/reload"), "", "", "Bearer " + key);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(json::parse(forbidden.body)["error"], "forbidden");
}

TEST_F(ServerTest, KeysAddedOrRevokedWhileRunningTakeEffect) {
  auto key = service::AddApiKey(server_->state_dir(),
                                service::KeyScope::kScreen, "late");
  ASSERT_TRUE(key.ok());
  // The store looks at the file at most once a second.
  int status = 0;
  for (int i = 0; i < 30 && status != 200; ++i) {
    status = client_.Get(server_->url("/lists"), "ApiKey " + *key).status;
    if (status != 200)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, 200);
  ASSERT_TRUE(
      service::RevokeApiKey(server_->state_dir(), key->substr(4, 8)).ok());
  for (int i = 0; i < 30 && status != 401; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = client_.Get(server_->url("/lists"), "ApiKey " + *key).status;
  }
  EXPECT_EQ(status, 401);
}

TEST_F(ServerTest, SearchFollowsWatchmanV2) {
  HttpResult r = client_.Get(
      server_->url("/search?name=KIM%20JONG%20SIK&type=person&limit=3"),
      server_->screen_key());
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  ASSERT_GE(j["entities"].size(), 1u);
  const json& top = j["entities"][0];
  EXPECT_EQ(top["id"], "un-KPi.066");
  EXPECT_EQ(top["name"], "KIM JONG SIK");
  EXPECT_EQ(top["entityType"], "person");
  EXPECT_EQ(top["sourceList"], "un_sc");
  EXPECT_EQ(top["sourceID"], "KPi.066");
  EXPECT_EQ(top["person"]["altNames"][0], "Kim Cho’ng-sik");
  EXPECT_EQ(top["sanctionsInfo"]["programs"][0], "DPRK");
  EXPECT_DOUBLE_EQ(top["match"].get<double>(), 1.0);
  EXPECT_EQ(top["details"]["matched_name"], "KIM JONG SIK");
  EXPECT_LE(j["entities"].size(), 3u);
  // /v2/search is the same handler under Watchman's own path.
  HttpResult v2 = client_.Get(
      server_->url("/v2/search?name=KIM%20JONG%20SIK&type=person&limit=3"),
      server_->screen_key());
  EXPECT_EQ(v2.body, r.body);
  // Every answer names the list version it was computed on.
  HttpResult lists = client_.Get(server_->url("/lists"), server_->screen_key());
  EXPECT_EQ(r.headers["x-embargo-lists-version"],
            json::parse(lists.body)["version"]);
  // minMatch filters; type filters.
  json none = json::parse(
      client_
          .Get(server_->url("/search?name=KIM%20JONG%20SIK&type=vessel"),
               server_->screen_key())
          .body);
  EXPECT_EQ(none["entities"].size(), 0u);
}

TEST_F(ServerTest, SearchRejectsBadParameters) {
  auto get = [&](const std::string& q) {
    return client_.Get(server_->url("/search?" + q), server_->screen_key());
  };
  EXPECT_EQ(get("name=x&limit=0").status, 400);
  EXPECT_EQ(get("name=x&limit=abc").status, 400);
  EXPECT_EQ(get("name=x&minMatch=2").status, 400);
  EXPECT_EQ(get("name=x&type=spaceship").status, 400);
  EXPECT_EQ(get("name=x&birthDate=1970-02-31").status, 400);
  EXPECT_EQ(get("name=x&country=Atlantis").status, 400);
  EXPECT_EQ(get("limit=3").status, 400);
  HttpResult bad_utf8 = get("name=%FF%FE");
  EXPECT_EQ(bad_utf8.status, 400);
  EXPECT_EQ(json::parse(bad_utf8.body)["error"], "bad_request");
  EXPECT_EQ(get("name=%zz").status, 400);
  HttpResult long_name = get("name=" + std::string(300, 'a'));
  EXPECT_EQ(long_name.status, 413);
  EXPECT_EQ(json::parse(long_name.body)["error"], "name_too_long");
  // A name past the header limit never reaches the handler.
  HttpResult huge = get("name=" + std::string(20000, 'a'));
  EXPECT_EQ(huge.status, 431);
}

TEST_F(ServerTest, EntitiesAndLists) {
  HttpResult e =
      client_.Get(server_->url("/entities/un-KPi.066"), server_->screen_key());
  ASSERT_EQ(e.status, 200);
  json ej = json::parse(e.body);
  EXPECT_EQ(ej["caption"], "KIM JONG SIK");
  EXPECT_EQ(ej["schema"], "Person");
  EXPECT_EQ(ej["datasets"][0], "un_sc");
  HttpResult missing =
      client_.Get(server_->url("/entities/un-NOPE"), server_->screen_key());
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(missing.body)["error"], "not_found");

  HttpResult l = client_.Get(server_->url("/lists"), server_->screen_key());
  ASSERT_EQ(l.status, 200);
  json lj = json::parse(l.body);
  ASSERT_EQ(lj["lists"].size(), 2u);
  const json& un = lj["lists"][0];
  EXPECT_EQ(un["name"], "un_sc");
  EXPECT_EQ(un["format"], "un_xml");
  EXPECT_EQ(un["source"], UnList2026());
  EXPECT_EQ(un["published"], "2026-02-27");
  EXPECT_EQ(un["content_hash"],
            "sha256:"
            "66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf");
  EXPECT_EQ(un["counts"]["entities"], 1003);
  EXPECT_EQ(un["counts"]["person"], 730);
  EXPECT_EQ(un["counts"]["organization"], 273);
  const json& ofac = lj["lists"][1];
  EXPECT_EQ(ofac["name"], "ofac_cons");
  EXPECT_EQ(ofac["counts"]["entities"], 442);
  EXPECT_EQ(ofac["files"].size(), 4u);
  EXPECT_TRUE(lj["ready"].get<bool>());
  EXPECT_EQ(lj["version"].get<std::string>().size(), 16u);
  EXPECT_EQ(l.headers["x-embargo-lists-version"], lj["version"]);
}

TEST_F(ServerTest, MatchRejectsBadRequests) {
  auto post = [&](const std::string& target, const std::string& body) {
    return client_.Post(server_->url(target), body, "application/json",
                        server_->screen_key());
  };
  const std::string ok_query =
      R"({"queries":{"q":{"schema":"Person","properties":{"name":["x"]}}}})";
  EXPECT_EQ(post("/match/default", "{not json").status, 400);
  EXPECT_EQ(post("/match/default",
                 "{\"queries\":{\"q\":{\"schema\":\"Person\","
                 "\"properties\":{\"name\":[\"\xff\xfe\"]}}}}")
                .status,
            400);
  EXPECT_EQ(post("/match/default", "[]").status, 400);
  EXPECT_EQ(post("/match/default", R"({"queries":{}})").status, 400);
  EXPECT_EQ(
      post(
          "/match/default",
          R"({"queries":{"q":{"schema":"Spaceship","properties":{"name":["x"]}}}})")
          .status,
      400);
  EXPECT_EQ(post("/match/default",
                 R"({"queries":{"q":{"schema":"Person","properties":{}}}})")
                .status,
            400);
  EXPECT_EQ(post("/match/nosuchlist", ok_query).status, 404);
  EXPECT_EQ(post("/match/default?algorithm=magic", ok_query).status, 400);
  EXPECT_EQ(post("/match/default?limit=0", ok_query).status, 400);
  EXPECT_EQ(post("/match/default?threshold=1.5", ok_query).status, 400);
  json many;
  for (int i = 0; i < 11; ++i)
    many["queries"]["q" + std::to_string(i)] = {
        {"schema", "Person"}, {"properties", {{"name", {"x"}}}}};
  HttpResult too_many = post("/match/default", many.dump());
  EXPECT_EQ(too_many.status, 400);
  EXPECT_NE(
      json::parse(too_many.body)["detail"].get<std::string>().find("limit: 10"),
      std::string::npos);
  // A name over the name limit, inside a body under the body limit.
  HttpResult long_name =
      post("/match/default",
           R"({"queries":{"q":{"schema":"Person","properties":{"name":[")" +
               std::string(300, 'a') + R"("]}}}})");
  EXPECT_EQ(long_name.status, 400);
  // A 10 MB name: the body limit answers before any parsing.
  HttpResult huge =
      post("/match/default",
           R"({"queries":{"q":{"schema":"Person","properties":{"name":[")" +
               std::string(10 << 20, 'a') + R"("]}}}})");
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(json::parse(huge.body)["error"], "body_too_large");
  // The server still answers afterwards.
  EXPECT_EQ(post("/match/default", ok_query).status, 200);
}

TEST_F(ServerTest, MatchFiltersByDatasetAndExclusions) {
  const std::string body =
      R"({"queries":{"q":{"schema":"Person","properties":{"name":["KIM JONG SIK"]}}}})";
  auto results = [&](const std::string& target) {
    HttpResult r = client_.Post(server_->url(target), body, "application/json",
                                server_->screen_key());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["responses"]["q"]["results"];
  };
  EXPECT_EQ(results("/match/un_sc")[0]["id"], "un-KPi.066");
  EXPECT_EQ(results("/match/ofac_cons").size(), 0u);
  EXPECT_EQ(results("/match/default?exclude_dataset=un_sc").size(), 0u);
  json excluded = results("/match/default?exclude_entity_ids=un-KPi.066");
  for (const json& m : excluded) EXPECT_NE(m["id"], "un-KPi.066");
  EXPECT_EQ(results("/match/default?exclude_schema=Person").size(), 0u);
  EXPECT_EQ(results("/match/default?include_dataset=ofac_cons").size(), 0u);
}

TEST_F(ServerTest, UnknownRoutesAndMethods) {
  HttpResult nf = client_.Get(server_->url("/nope"), server_->screen_key());
  EXPECT_EQ(nf.status, 404);
  HttpResult wrong =
      client_.Get(server_->url("/match/default"), server_->screen_key());
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers["allow"], "POST");
}

TEST_F(ServerTest, KeepAliveReusesOneConnection) {
  HttpClient c;
  HttpResult first = c.Get(server_->url("/healthz"));
  EXPECT_EQ(first.new_connections, 1);
  for (int i = 0; i < 20; ++i) {
    HttpResult r =
        c.Get(server_->url("/search?name=Kim"), server_->screen_key());
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.new_connections, 0)
        << "request " << i << " opened a new connection";
  }
}

// Responses' header is written by hand (http_server.cc) where Beast's
// serializer wrote it: Beast's own parser must read a keep-alive
// connection's answers back one after the other, each with its status,
// fields and exact Content-Length; a HEAD answer with GET's length and no
// body (else the next answer would not parse); and a request asking to
// close answered with "Connection: close" and the connection closed.
TEST_F(ServerTest, ResponsesParseAsHttp) {
  namespace http = boost::beast::http;
  RawSocket s(server_->port());
  ASSERT_TRUE(s.ok());
  std::string wire;
  s.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  wire += s.ReadUntil("{\"status\":\"ok\"}", 10000);
  s.Send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  wire += s.ReadUntil("\r\n\r\n", 10000);
  s.Send("DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  wire += s.ReadUntil("}", 10000);
  s.Send("GET /lists HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  bool eof = false;
  wire += s.ReadAll(10000, &eof);
  EXPECT_TRUE(eof);

  std::vector<http::response<http::string_body>> answers;
  std::string_view rest = wire;
  for (bool head : {false, true, false, false}) {
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    parser.skip(head);
    boost::beast::error_code ec;
    const size_t used =
        parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    ASSERT_FALSE(ec) << ec.message() << " in answer " << answers.size() << ":\n"
                     << rest;
    ASSERT_TRUE(parser.is_done()) << rest;
    rest.remove_prefix(used);
    answers.push_back(parser.release());
    EXPECT_EQ(answers.back().version(), 11);
    EXPECT_EQ(answers.back()[http::field::server], "embargo");
  }
  EXPECT_EQ(rest, "") << "bytes after the last answer";

  const std::string length = std::to_string(answers[0].body().size());
  EXPECT_EQ(answers[0].result_int(), 200u);
  EXPECT_EQ(answers[0].body(), "{\"status\":\"ok\"}");
  EXPECT_EQ(answers[0][http::field::content_type], "application/json");
  EXPECT_EQ(answers[0][http::field::content_length], length);
  EXPECT_TRUE(answers[0].keep_alive());
  EXPECT_EQ(answers[1].result_int(), 200u);
  EXPECT_EQ(answers[1].body(), "");
  EXPECT_EQ(answers[1][http::field::content_length], length);
  EXPECT_EQ(answers[2].result_int(), 405u);
  EXPECT_EQ(answers[2][http::field::allow], "GET");
  EXPECT_EQ(answers[2][http::field::content_length],
            std::to_string(answers[2].body().size()));
  EXPECT_TRUE(answers[2].keep_alive());
  EXPECT_EQ(answers[3].result_int(), 401u);
  EXPECT_EQ(answers[3][http::field::www_authenticate], "ApiKey, Bearer");
  EXPECT_EQ(answers[3][http::field::connection], "close");
  EXPECT_FALSE(answers[3].keep_alive());
  EXPECT_EQ(json::parse(answers[3].body())["error"], "unauthenticated");
}

std::string WriteTemp(const std::string& text) {
  std::string dir = MakeTempDir("embargo-screen-");
  std::string path = dir + "/in.csv";
  std::ofstream(path) << text;
  return path;
}

TEST_F(ServerTest, ScreenStreamsTheEmbargoScreenFormat) {
  std::string csv = "id,name,kind,birth_date,country,passport\n";
  const char* names[] = {"KIM JONG SIK",
                         "John Smith",
                         "Ali Hassan",
                         "",
                         "KOREA MINING DEVELOPMENT TRADING CORPORATION",
                         "Dimitri Herard"};
  for (int i = 0; i < 600; ++i) {
    csv += "c" + std::to_string(i) + "," + names[i % 6] + ",," +
           (i % 7 == 0 ? "1966-13-40" : "") + ",,\n";
  }
  HttpResult r = client_.Post(server_->url("/screen"), csv, "text/csv",
                              server_->screen_key());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/x-ndjson");
  EXPECT_EQ(r.headers["transfer-encoding"], "chunked");
  EXPECT_EQ(r.headers["x-embargo-rows"], "600");
  // Byte for byte what `embargo screen` (ScreenCsv) writes for the same rows.
  auto snap = server_->lists().Current();
  ScreenOptions opts;
  std::string expected;
  std::string path = WriteTemp(csv);
  ASSERT_TRUE(ScreenCsv(*snap->screener, path, opts, [&](std::string_view s) {
                expected.append(s);
              }).ok());
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
  EXPECT_EQ(r.body, expected);
  size_t lines = std::count(r.body.begin(), r.body.end(), '\n');
  EXPECT_EQ(lines, 600u);
  json first = json::parse(r.body.substr(0, r.body.find('\n')));
  EXPECT_EQ(first["id"], "c0");
  EXPECT_NE(first["error"].get<std::string>().find("birth_date"),
            std::string::npos);
  EXPECT_EQ(first["matches"][0]["entity_id"], "un-KPi.066");
}

TEST_F(ServerTest, ScreenAcceptsJsonLines) {
  std::string body =
      "{\"id\":\"a\",\"name\":\"KIM JONG SIK\",\"country\":\"KP\"}\n"
      "not json\n"
      "\n"
      "{\"id\":7,\"name\":\"John Smith\"}\n";
  HttpResult r = client_.Post(server_->url("/screen"), body,
                              "application/x-ndjson", server_->screen_key());
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<json> lines;
  size_t pos = 0;
  while (pos < r.body.size()) {
    size_t nl = r.body.find('\n', pos);
    lines.push_back(json::parse(r.body.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["id"], "a");
  EXPECT_EQ(lines[0]["matches"][0]["entity_id"], "un-KPi.066");
  EXPECT_EQ(lines[1]["id"], "2");
  EXPECT_EQ(lines[1]["line"], 2);
  EXPECT_EQ(lines[1]["error"], "invalid JSON (or invalid UTF-8)");
  EXPECT_EQ(lines[2]["id"], "7");
}

TEST_F(ServerTest, ScreenLimits) {
  std::string csv = "name\n";
  for (int i = 0; i < 2001; ++i) csv += "n" + std::to_string(i) + "\n";
  HttpResult rows = client_.Post(server_->url("/screen"), csv, "text/csv",
                                 server_->screen_key());
  EXPECT_EQ(rows.status, 413);
  EXPECT_EQ(json::parse(rows.body)["error"], "too_many_rows");
  HttpResult no_name = client_.Post(server_->url("/screen"), "id,foo\n1,2\n",
                                    "text/csv", server_->screen_key());
  EXPECT_EQ(no_name.status, 400);
  EXPECT_NE(json::parse(no_name.body)["detail"].get<std::string>().find(
                "no 'name' column"),
            std::string::npos);
  HttpResult big = client_.Post(server_->url("/screen"),
                                "name\n" + std::string(2 << 20, 'a'),
                                "text/csv", server_->screen_key());
  EXPECT_EQ(big.status, 413);
  std::string long_name = "name\n" + std::string(300, 'b') + "\n";
  HttpResult ln = client_.Post(server_->url("/screen"), long_name, "text/csv",
                               server_->screen_key());
  ASSERT_EQ(ln.status, 200);
  EXPECT_NE(ln.body.find("field name: longer than the limit of 256 bytes"),
            std::string::npos);
}

// Record() keeps each exchange's counter and histogram after the first
// lookup: the counts must still be exact. And a method a client made up is
// counted as "other": each one used to become a counter of its own, so a
// client could grow the registry (and /metrics) without end.
TEST_F(ServerTest, MetricsCountEveryExchangeUnderBoundedLabels) {
  auto sample = [&](const std::string& name) -> double {
    HttpResult m = client_.Get(server_->url("/metrics"), server_->screen_key());
    EXPECT_EQ(m.status, 200);
    const size_t at = m.body.find("\n" + name + " ");
    if (at == std::string::npos) return 0;
    return std::stod(m.body.substr(at + name.size() + 2));
  };
  const std::string requests =
      "embargo_http_requests_total{route=\"/search\",method=\"GET\","
      "code=\"200\"}";
  const std::string timed =
      "embargo_http_request_duration_seconds_count{route=\"/search\"}";
  const double requests_before = sample(requests);
  const double timed_before = sample(timed);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(client_
                  .Get(server_->url("/search?name=KIM%20JONG%20SIK"),
                       server_->screen_key())
                  .status,
              200);
  EXPECT_EQ(sample(requests), requests_before + 3);
  EXPECT_EQ(sample(timed), timed_before + 3);
  for (const char* method : {"FROBNICATE", "BREW"})
    EXPECT_EQ(
        client_.Request(method, server_->url("/healthz"), "", "", "").status,
        405);
  HttpResult m = client_.Get(server_->url("/metrics"), server_->screen_key());
  EXPECT_EQ(m.body.find("FROBNICATE"), std::string::npos);
  EXPECT_EQ(m.body.find("BREW"), std::string::npos);
  EXPECT_NE(m.body.find("embargo_http_requests_total{route=\"none\","
                        "method=\"other\",code=\"405\"} 2"),
            std::string::npos)
      << m.body;
}

TEST_F(ServerTest, MetricsInPrometheusFormat) {
  client_.Get(server_->url("/search?name=KIM%20JONG%20SIK"),
              server_->screen_key());
  client_.Get(server_->url("/lists"));  // refused: no key
  HttpResult m = client_.Get(server_->url("/metrics"), server_->screen_key());
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.headers["content-type"],
            "text/plain; version=0.0.4; charset=utf-8");
  const std::string& t = m.body;
  EXPECT_NE(t.find("# TYPE embargo_http_requests_total counter"),
            std::string::npos);
  EXPECT_NE(t.find("embargo_http_requests_total{route=\"/"
                   "search\",method=\"GET\",code=\"200\"}"),
            std::string::npos);
  EXPECT_NE(t.find("# TYPE embargo_http_request_duration_seconds histogram"),
            std::string::npos);
  EXPECT_NE(t.find("embargo_http_request_duration_seconds_bucket{route=\"/"
                   "search\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(t.find("embargo_list_entities{list=\"un_sc\"} 1003"),
            std::string::npos);
  EXPECT_NE(t.find("embargo_list_entities{list=\"ofac_cons\"} 442"),
            std::string::npos);
  EXPECT_NE(t.find("embargo_list_age_seconds{list=\"un_sc\"}"),
            std::string::npos);
  EXPECT_NE(t.find("embargo_lists_reload_failures_total "), std::string::npos);
  EXPECT_NE(t.find("embargo_lists_ready 1"), std::string::npos);
  EXPECT_NE(t.find("embargo_match_queries_total{route=\"/search\"}"),
            std::string::npos);
  EXPECT_NE(t.find("embargo_http_rejected_total{reason=\"unauthenticated\"}"),
            std::string::npos);
  // Every sample line is "name{labels} value" or "name value".
  size_t pos = 0;
  while (pos < t.size()) {
    size_t nl = t.find('\n', pos);
    std::string line = t.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.rfind(' ');
    ASSERT_NE(space, std::string::npos) << line;
    std::string value = line.substr(space + 1);
    EXPECT_TRUE(value == "+Inf" || value == "NaN" ||
                value.find_first_not_of("0123456789.e+-") == std::string::npos)
        << line;
  }
}

TEST_F(ServerTest, AdminReloadSwapsAndKeepsServing) {
  auto before = server_->lists().Current();
  HttpResult r =
      client_.Post(server_->url("/admin/reload"), "", "", server_->admin_key());
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["generation"], before->generation + 1);
  // Same files, same content: the version string does not change.
  EXPECT_EQ(j["version"], before->version);
  EXPECT_EQ(j["entities"], 1445);
}

TEST_F(ServerTest, MalformedHttpGets400AndTheServerLivesOn) {
  RawSocket s(server_->port());
  ASSERT_TRUE(s.ok());
  s.Send("THIS IS NOT HTTP\r\n\r\n");
  std::string reply = s.ReadAll(3000);
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply;
  EXPECT_EQ(client_.Get(server_->url("/healthz")).status, 200);
}

TEST_F(ServerTest, SlowlorisIsCutOffWhileOthersAreServed) {
  RawSocket slow(server_->port());
  ASSERT_TRUE(slow.ok());
  auto start = std::chrono::steady_clock::now();
  slow.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
  std::string reply;
  bool eof = false;
  for (int i = 0; i < 40 && !eof; ++i) {
    // One header byte every 100 ms: never a complete request.
    if (!slow.Send("X")) break;
    reply += slow.ReadAll(100, &eof);
    EXPECT_EQ(client_.Get(server_->url("/healthz")).status, 200);
  }
  double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!eof) reply += slow.ReadAll(2000, &eof);
  EXPECT_TRUE(eof);
  EXPECT_EQ(reply.rfind("HTTP/1.1 408", 0), 0u) << reply;
  EXPECT_LT(secs, 3.0);
}

TEST_F(ServerTest, IdleConnectionIsClosed) {
  RawSocket idle(server_->port());
  ASSERT_TRUE(idle.ok());
  bool eof = false;
  std::string got = idle.ReadAll(3000, &eof);
  EXPECT_TRUE(eof);
  EXPECT_EQ(got, "");
}

TEST_F(ServerTest, HalfClosedClientStillGetsItsAnswer) {
  RawSocket s(server_->port());
  ASSERT_TRUE(s.ok());
  s.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  s.ShutdownWrite();
  bool eof = false;
  std::string reply = s.ReadAll(3000, &eof);
  EXPECT_EQ(reply.rfind("HTTP/1.1 200", 0), 0u) << reply;
  EXPECT_NE(reply.find("{\"status\":\"ok\"}"), std::string::npos);
  EXPECT_TRUE(eof);
  // A request cut off mid-headers by a half-close ends the connection.
  RawSocket t(server_->port());
  t.Send("GET /healthz HTTP/1.1\r\nHo");
  t.ShutdownWrite();
  std::string nothing = t.ReadAll(3000, &eof);
  EXPECT_TRUE(eof);
  EXPECT_EQ(client_.Get(server_->url("/healthz")).status, 200);
}

TEST_F(ServerTest, BodyThatNeverArrivesTimesOut) {
  RawSocket s(server_->port());
  s.Send("POST /match/default HTTP/1.1\r\nHost: x\r\nAuthorization: " +
         server_->screen_key() +
         "\r\nContent-Length: 1000\r\n\r\n{\"queries\"");
  bool eof = false;
  std::string reply = s.ReadAll(4000, &eof);
  EXPECT_EQ(reply.rfind("HTTP/1.1 408", 0), 0u) << reply;
  EXPECT_TRUE(eof);
}

void FewConnections(ServerConfig* c) { c->limits.max_connections = 3; }

TEST(ServerLimitsTest, ConnectionsOverTheLimitGet503) {
  TestServer server({OfacConsolidated()}, FewConnections);
  std::vector<std::unique_ptr<RawSocket>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawSocket>(server.port()));
    // A full exchange proves each connection is established server-side.
    held.back()->Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(held.back()
                  ->ReadUntil("{\"status\":\"ok\"}", 10000)
                  .rfind("HTTP/1.1 200", 0),
              0u);
  }
  HttpClient c;
  HttpResult over = c.Get(server.url("/healthz"));
  EXPECT_EQ(over.status, 503);
  EXPECT_EQ(json::parse(over.body)["error"], "too_many_connections");
  held.clear();
  int status = 0;
  for (int i = 0; i < 50 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    HttpClient fresh;
    status = fresh.Get(server.url("/healthz")).status;
  }
  EXPECT_EQ(status, 200);
}

void OneScreenJob(ServerConfig* c) { c->limits.max_screen_jobs = 1; }

// Regression (CI, stop 19): a job's /screen slot was freed only when the
// worker dropped the job, after the answer had reached the client, so its
// next batch could find the slot still taken and get 503 "busy".
TEST(ServerLimitsTest, AnAnsweredBatchHasFreedItsSlot) {
  TestServer server({UnList2026()}, OneScreenJob);
  HttpClient c;
  for (int i = 0; i < 300; ++i) {
    // One answered in a stream, one refused by the check before it.
    HttpResult ok = c.Post(server.url("/screen"), "name\nKIM\n", "text/csv",
                           server.screen_key());
    ASSERT_EQ(ok.status, 200) << "round " << i << ": " << ok.body;
    HttpResult bad =
        c.Post(server.url("/screen"), std::string("name\nKI\0M\n", 10),
               "text/csv", server.screen_key());
    ASSERT_EQ(bad.status, 400) << "round " << i << ": " << bad.body;
  }
}

TEST(ServerLimitsTest, NotReadyUntilTheListsLoad) {
  // A list that cannot load: the server runs, answers /healthz, and stays
  // unready; screening routes say 503.
  std::string dir = MakeTempDir("embargo-bad-list-");
  std::ofstream(dir + "/broken.xml")
      << "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>";
  TestServer server({"un_xml:" + dir + "/broken.xml"});
  HttpClient c;
  EXPECT_EQ(c.Get(server.url("/healthz")).status, 200);
  HttpResult ready = c.Get(server.url("/readyz"));
  EXPECT_EQ(ready.status, 503);
  json j = json::parse(ready.body);
  EXPECT_EQ(j["status"], "failed");
  EXPECT_TRUE(j["reload"]["last_failed"].get<bool>());
  EXPECT_NE(j["reload"]["last_error"].get<std::string>().find("broken.xml"),
            std::string::npos);
  EXPECT_EQ(c.Get(server.url("/search?name=x"), server.screen_key()).status,
            503);
  std::filesystem::remove_all(dir);
}

// An entity's fields are rendered once per list version: an answer whose
// entities another search rendered first is the answer a fresh server
// gives.
TEST(SearchRenderingTest, EntitiesRenderedBeforeGiveTheSameAnswer) {
  const std::string q1 = "/search?name=KIM%20JONG&limit=25";
  const std::string q2 = "/search?name=KIM%20JONG%20SIK&limit=10";
  HttpClient c;
  std::string cold;
  {
    TestServer fresh({UnList2026()});
    cold = c.Get(fresh.url(q2), fresh.screen_key()).body;
  }
  TestServer warm({UnList2026()});
  const std::string first = c.Get(warm.url(q1), warm.screen_key()).body;
  const std::string again = c.Get(warm.url(q2), warm.screen_key()).body;
  EXPECT_EQ(again, cold);
  // The first search rendered some of the second's entities.
  const json first_json = json::parse(first), cold_json = json::parse(cold);
  std::set<std::string> ids;
  for (const json& e : first_json["entities"])
    ids.insert(e["id"].get<std::string>());
  size_t shared = 0;
  for (const json& e : cold_json["entities"])
    shared += ids.count(e["id"].get<std::string>());
  EXPECT_GE(shared, 3u);
  EXPECT_EQ(c.Get(warm.url(q2), warm.screen_key()).body, cold);
}

// After a refresh an entity is rendered from the new list, not from what
// was rendered for the old one.
TEST(SearchRenderingTest, ARefreshedEntityIsRenderedAnew) {
  std::string dir = MakeTempDir("embargo-render-");
  const std::string list = dir + "/people.ftm.json";
  auto write = [&](const char* alias) {
    std::ofstream(list + ".tmp")
        << "{\"id\": \"p1\", \"schema\": \"Person\", \"properties\": "
           "{\"name\": [\"Ivan Sidorov\"], \"alias\": [\""
        << alias << "\"]}}\n";
    std::filesystem::rename(list + ".tmp", list);
  };
  write("Vanya Sidorov");
  TestServer server({list});
  HttpClient c;
  auto alt_names = [&] {
    json j = json::parse(
        c.Get(server.url("/search?name=Ivan%20Sidorov"), server.screen_key())
            .body);
    return j["entities"].at(0)["person"]["altNames"];
  };
  EXPECT_EQ(alt_names(), json::array({"Vanya Sidorov"}));
  EXPECT_EQ(alt_names(), json::array({"Vanya Sidorov"}));
  write("Ivan Sidoroff");
  ASSERT_EQ(
      c.Post(server.url("/admin/reload"), "", "", server.admin_key()).status,
      200);
  EXPECT_EQ(alt_names(), json::array({"Ivan Sidoroff"}));
  std::filesystem::remove_all(dir);
}

TEST(ServerLimitsTest, NoAuthModeServesWithoutKeys) {
  TestServer server({OfacConsolidated()},
                    [](ServerConfig* c) { c->require_auth = false; });
  HttpClient c;
  EXPECT_EQ(c.Get(server.url("/lists")).status, 200);
}

}  // namespace
}  // namespace embargo::server::testing

namespace embargo::server::testing {
namespace {

std::string ReadExample(const std::string& name) {
  std::ifstream in(std::string(EMBARGO_SOURCE_DIR) + "/examples/shipments/" +
                   name);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TEST_F(ServerTest, TradeCheckUsesTheTradeLibrary) {
  HttpResult coal = client_.Post(server_->url("/trade/check"),
                                 ReadExample("dprk_coal_via_dalian.json"),
                                 "application/json", server_->screen_key());
  ASSERT_EQ(coal.status, 200) << coal.body;
  json j = json::parse(coal.body);
  EXPECT_EQ(j["decision"], "block");
  EXPECT_FALSE(j["reasons"].empty());
  EXPECT_FALSE(coal.headers["x-embargo-lists-version"].empty());
  HttpResult bad =
      client_.Post(server_->url("/trade/check"), R"({"goods":[{"hs":"27x1"}]})",
                   "application/json", server_->screen_key());
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(
      json::parse(bad.body)["detail"].get<std::string>().find("goods[0].hs"),
      std::string::npos)
      << bad.body;
  EXPECT_EQ(client_
                .Post(server_->url("/trade/check?as_of=2026-13-01"), "{}",
                      "application/json", server_->screen_key())
                .status,
            400);
}

}  // namespace
}  // namespace embargo::server::testing
