// The bad-input corpus over HTTP: hostile bodies, names and batches sent to
// a real server on a loopback port with its default limits
// (embargo/limits.h), each answered with the exact status and error. The
// server's own behaviour under load, slow clients and timeouts is tested in
// apps/server/server_test.cc.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "embargo/limits.h"
#include "server/test_client.h"

namespace embargo::server::testing {
namespace {

using nlohmann::json;

class ServerBadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer({UnList2026()}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  HttpResult Post(const std::string& target, const std::string& body,
                  const std::string& type = "application/json") {
    return client_.Post(server_->url(target), body, type,
                        server_->screen_key());
  }
  HttpResult Get(const std::string& target) {
    return client_.Get(server_->url(target), server_->screen_key());
  }
  // The error's {"error": ..., "detail": ...}.
  static std::pair<std::string, std::string> Error(const HttpResult& r) {
    json j = json::parse(r.body, nullptr, false);
    if (!j.is_object()) return {"(not JSON)", r.body};
    return {j.value("error", ""), j.value("detail", "")};
  }
  // A /match body with one query of these names.
  static std::string MatchBody(const std::vector<std::string>& names) {
    json q = {{"schema", "Person"}, {"properties", {{"name", names}}}};
    return json{{"queries", {{"q", q}}}}.dump();
  }

  static TestServer* server_;
  HttpClient client_;
};
TestServer* ServerBadInputTest::server_ = nullptr;

using Err = std::pair<std::string, std::string>;

TEST_F(ServerBadInputTest, DeeplyNestedMatchBody) {
  std::string body = R"({"queries":)" + std::string(100000, '[') +
                     std::string(100000, ']') + "}";
  HttpResult r = Post("/match/default", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Error(r), Err("bad_request",
                          "the body nests JSON deeper than 64 levels (at byte "
                          "75)"));
}

TEST_F(ServerBadInputTest, DeeplyNestedScreenJsonLine) {
  HttpResult r =
      Post("/screen",
           R"({"name":"KIM JONG SIK"})"
           "\n{\"name\":" +
               std::string(1000, '[') + std::string(1000, ']') + "}\n",
           "application/x-ndjson");
  ASSERT_EQ(r.status, 200) << r.body;
  size_t nl = r.body.find('\n');
  json second =
      json::parse(r.body.substr(nl + 1, r.body.find('\n', nl + 1) - nl - 1));
  EXPECT_EQ(second["line"], 2);
  EXPECT_EQ(second["error"], "JSON nested deeper than 64 levels");
}

TEST_F(ServerBadInputTest, DeeplyNestedShipment) {
  HttpResult r =
      Post("/trade/check", R"({"goods":)" + std::string(100000, '[') +
                               std::string(100000, ']') + "}");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Error(r), Err("too_large",
                          "shipment: JSON nested deeper than 64 levels at "
                          "byte 73"));
}

TEST_F(ServerBadInputTest, HundredThousandCharacterNames) {
  const std::string name(100000, 'K');
  HttpResult match = Post("/match/default", MatchBody({name}));
  EXPECT_EQ(match.status, 400);
  EXPECT_EQ(Error(match),
            Err("bad_request",
                "Cannot parse example entity 'q': property name: a value is "
                "longer than 1024 bytes"));
  // In a query string it cannot get past the header limit.
  HttpResult search = Get("/search?name=" + name);
  EXPECT_EQ(search.status, 431);
  EXPECT_EQ(Error(search),
            Err("headers_too_large",
                "the request line and headers exceed 16384 bytes"));
  HttpResult screen = Post("/screen", "id,name\nc1," + name + "\n", "text/csv");
  ASSERT_EQ(screen.status, 200) << screen.body;
  json row = json::parse(screen.body.substr(0, screen.body.find('\n')));
  EXPECT_EQ(row["error"], "field name: longer than the limit of 1024 bytes");
}

TEST_F(ServerBadInputTest, NameWithTooManyTokens) {
  std::string words;
  for (int i = 0; i < 100; ++i) words += "ab%20";
  HttpResult search = Get("/search?name=" + words);
  EXPECT_EQ(search.status, 400);
  EXPECT_EQ(Error(search),
            Err("bad_request", "name: more than 64 tokens (100)"));
}

TEST_F(ServerBadInputTest, ScreenCsvWithTenThousandColumns) {
  std::string header = "id,name";
  for (int i = 0; i < 10000; ++i) header += ",x";
  HttpResult r = Post("/screen", header + "\nc1,KIM\n", "text/csv");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Error(r), Err("too_large",
                          "request body:1: more than 4096 fields in one "
                          "record"));
}

TEST_F(ServerBadInputTest, ScreenCsvWithNulByte) {
  HttpResult r =
      Post("/screen", std::string("id,name\nc1,KI\0M\n", 16), "text/csv");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Error(r), Err("bad_request",
                          "request body:2: field 2: NUL byte (a binary or "
                          "UTF-16 file?)"));
}

TEST_F(ServerBadInputTest, ImpossibleDates) {
  HttpResult search = Get("/search?name=KIM&birthDate=1970-02-31");
  EXPECT_EQ(search.status, 400);
  EXPECT_EQ(Error(search),
            Err("bad_request",
                "birthDate: '1970-02-31' is not a date (YYYY[-MM[-DD]])"));
  HttpResult trade = Post("/trade/check?as_of=2026-02-31", "{}");
  EXPECT_EQ(trade.status, 400);
  EXPECT_EQ(Error(trade), Err("bad_request",
                              "as_of: '2026-02-31' is not a date "
                              "(YYYY-MM-DD)"));
}

// ---------------------------------------------- the server's limits, at edge

TEST_F(ServerBadInputTest, BodyBytes) {
  // Padding after the JSON value keeps the body valid at any size.
  const std::string q = MatchBody({"KIM"});
  HttpResult at =
      Post("/match/default", q + std::string(kMaxBodyBytes - q.size(), ' '));
  EXPECT_EQ(at.status, 200) << at.body;
  HttpResult over = Post("/match/default",
                         q + std::string(kMaxBodyBytes + 1 - q.size(), ' '));
  EXPECT_EQ(over.status, 413);
  EXPECT_EQ(Error(over),
            Err("body_too_large", "the body is larger than 1048576 bytes"));
}

TEST_F(ServerBadInputTest, QueriesPerRequest) {
  auto body = [](size_t n) {
    json queries = json::object();
    for (size_t i = 0; i < n; ++i)
      queries["q" + std::to_string(i)] = {{"schema", "Person"},
                                          {"properties", {{"name", {"KIM"}}}}};
    return json{{"queries", queries}}.dump();
  };
  EXPECT_EQ(Post("/match/default", body(kMaxQueriesPerRequest)).status, 200);
  HttpResult over = Post("/match/default", body(kMaxQueriesPerRequest + 1));
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(Error(over),
            Err("bad_request", "Too many queries in one batch (limit: 100)"));
}

TEST_F(ServerBadInputTest, NamesPerQuery) {
  std::vector<std::string> names(kMaxNamesPerQuery, "KIM");
  EXPECT_EQ(Post("/match/default", MatchBody(names)).status, 200);
  names.push_back("KIM");
  HttpResult over = Post("/match/default", MatchBody(names));
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(Error(over), Err("bad_request",
                             "Cannot parse example entity 'q': more than 20 "
                             "names"));
}

TEST_F(ServerBadInputTest, ResultsPerQuery) {
  const std::string body = MatchBody({"KIM"});
  EXPECT_EQ(
      Post("/match/default?limit=" + std::to_string(kMaxResultsPerQuery), body)
          .status,
      200);
  HttpResult over = Post(
      "/match/default?limit=" + std::to_string(kMaxResultsPerQuery + 1), body);
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(Error(over), Err("bad_request", "limit: 501 is outside [1, 500]"));
}

TEST_F(ServerBadInputTest, HeaderBytes) {
  // A raw request whose request line and headers are exactly `n` bytes.
  auto send = [&](size_t n) {
    const std::string head = "GET /healthz?x=";
    const std::string tail =
        " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    RawSocket s(server_->port());
    EXPECT_TRUE(
        s.Send(head + std::string(n - head.size() - tail.size(), 'a') + tail));
    std::string answer = s.ReadAll(5000);
    return answer.substr(0, answer.find("\r\n"));
  };
  EXPECT_EQ(send(kMaxHeaderBytes), "HTTP/1.1 200 OK");
  EXPECT_EQ(send(kMaxHeaderBytes + 1),
            "HTTP/1.1 431 Request Header Fields Too Large");
}

TEST_F(ServerBadInputTest, ScreenJobsAtOnce) {
  // Two clients each send a batch big enough to keep its job running (and
  // then stop reading); a third batch is refused until they go.
  std::string rows = "name\n";
  for (int i = 0; i < 200000; ++i) rows += "KIM JONG SIK\n";
  const std::string request =
      "POST /screen HTTP/1.1\r\nHost: a\r\nAuthorization: " +
      server_->screen_key() + "\r\nContent-Type: text/csv\r\nContent-Length: " +
      std::to_string(rows.size()) + "\r\n\r\n" + rows;
  std::vector<std::unique_ptr<RawSocket>> held;
  for (int i = 0; i < kMaxScreenJobs; ++i) {
    held.push_back(std::make_unique<RawSocket>(server_->port()));
    ASSERT_TRUE(held.back()->Send(request));
    EXPECT_EQ(held.back()->ReadUntil("\r\n", 10000).rfind("HTTP/1.1 200", 0),
              0u);
  }
  HttpResult over = Post("/screen", "name\nKIM\n", "text/csv");
  EXPECT_EQ(over.status, 503);
  EXPECT_EQ(Error(over),
            Err("busy", "2 batches are running already; retry later"));
  held.clear();
  // The jobs notice their clients left at their next write, after the chunk
  // they are screening: allow a minute on a loaded (or sanitized) machine.
  int status = 0;
  for (int i = 0; i < 1200 && status != 200; ++i) {
    status = Post("/screen", "name\nKIM\n", "text/csv").status;
    if (status != 200)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status, 200);
}

}  // namespace
}  // namespace embargo::server::testing
