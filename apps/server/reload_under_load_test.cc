// Fail-closed refresh under load: queries keep succeeding, with no error and
// no mix of versions inside one response, while the lists swap back and
// forth and a broken list is refused. And the real binary: keys from
// `embargo keys add`, a refresh on SIGHUP, a clean stop on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "server/test_client.h"

namespace embargo::server::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Replaces `target` by a copy of `source` in one rename, as a publisher's
// sync would.
void Install(const std::string& source, const std::string& target) {
  fs::copy_file(source, target + ".tmp", fs::copy_options::overwrite_existing);
  fs::rename(target + ".tmp", target);
}

void InstallTruncated(const std::string& source, const std::string& target) {
  std::ifstream in(source, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  std::ofstream(target + ".tmp", std::ios::binary)
      << text.substr(0, text.size() / 2);
  fs::rename(target + ".tmp", target);
}

// Only in the 2026 list / only in the 2025 list.
constexpr const char* kOnlyInA = "un-HTi.008";  // DIMITRI HERARD
constexpr const char* kOnlyInB = "un-QDi.317";  // ABU MOHAMMED AL-JAWLANI

bool Has(const json& results, const char* id) {
  for (const json& r : results)
    if (r["id"] == id) return true;
  return false;
}

TEST(ReloadUnderLoadTest, QueriesNeverFailOrMixVersionsWhileListsSwap) {
  std::string dir = MakeTempDir("embargo-reload-");
  std::string un = dir + "/un.xml";
  Install(UnList2026(), un);
  TestServer server({un, OfacConsolidated()}, [](ServerConfig* c) {
    c->max_entity_drop = 0.2;  // 2026 -> 2025 drops 1003 -> 879 (12.4%)
  });
  ASSERT_TRUE(server.lists().Ready());
  const std::string body = R"({"queries":{
      "a":{"schema":"Person","properties":{"name":["DIMITRI HERARD"]}},
      "b":{"schema":"Person","properties":{"name":["ABU MOHAMMED AL-JAWLANI"]}}}})";

  std::atomic<bool> stop{false};
  std::atomic<std::int64_t> requests{0}, errors{0}, mixed{0};
  std::mutex mu;
  std::map<std::string, char> version_kind;  // version -> 'A' or 'B'
  std::vector<std::string> problems;
  auto client = [&] {
    HttpClient c;
    while (!stop) {
      HttpResult r = c.Post(server.url("/match/default?limit=3"), body,
                            "application/json", server.screen_key());
      ++requests;
      std::lock_guard lock(mu);
      if (r.status != 200 || !r.error.empty()) {
        ++errors;
        if (problems.size() < 5)
          problems.push_back(std::to_string(r.status) + " " + r.error + " " +
                             r.body);
        continue;
      }
      json j = json::parse(r.body);
      bool a = Has(j["responses"]["a"]["results"], kOnlyInA);
      bool b = Has(j["responses"]["b"]["results"], kOnlyInB);
      if (a == b) {
        ++mixed;  // both or neither: two versions in one answer
        continue;
      }
      char kind = a ? 'A' : 'B';
      std::string v = r.headers["x-embargo-lists-version"];
      auto [it, inserted] = version_kind.emplace(v, kind);
      if (!inserted && it->second != kind) ++mixed;  // header and body disagree
    }
  };
  std::vector<std::thread> clients;
  clients.reserve(3);
  for (int i = 0; i < 3; ++i) clients.emplace_back(client);

  HttpClient admin;
  auto reload = [&] {
    return admin.Post(server.url("/admin/reload"), "", "", server.admin_key());
  };
  std::string version_a = server.lists().Current()->version;
  for (int cycle = 0; cycle < 1; ++cycle) {
    Install(UnList2025(), un);
    HttpResult to_b = reload();
    ASSERT_EQ(to_b.status, 200) << to_b.body;
    std::string version_b = json::parse(to_b.body)["version"];
    EXPECT_NE(version_b, version_a);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    InstallTruncated(UnList2026(), un);
    HttpResult broken = reload();
    EXPECT_EQ(broken.status, 500) << broken.body;
    json bj = json::parse(broken.body);
    EXPECT_EQ(bj["error"], "reload_failed");
    EXPECT_EQ(bj["serving_version"], version_b);
    EXPECT_EQ(server.lists().Current()->version, version_b);
    HttpResult ready = admin.Get(server.url("/readyz"));
    EXPECT_EQ(ready.status, 200);
    EXPECT_EQ(json::parse(ready.body)["status"], "ready_stale");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    Install(UnList2026(), un);
    HttpResult to_a = reload();
    ASSERT_EQ(to_a.status, 200) << to_a.body;
    EXPECT_EQ(json::parse(to_a.body)["version"], version_a);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  stop = true;
  for (auto& t : clients) t.join();

  EXPECT_GT(requests.load(), 20);
  std::fprintf(stderr, "%ld requests during the swaps\n", requests.load());
  EXPECT_EQ(errors.load(), 0) << (problems.empty() ? "" : problems[0]);
  EXPECT_EQ(mixed.load(), 0);
  EXPECT_EQ(version_kind.size(), 2u)
      << "both versions should have served queries";
  // The failures are visible.
  HttpResult lists = admin.Get(server.url("/lists"), server.screen_key());
  json lj = json::parse(lists.body);
  EXPECT_EQ(lj["reload"]["failures"], 1);
  EXPECT_FALSE(lj["reload"]["last_failed"].get<bool>());
  EXPECT_EQ(lj["generation"], 3);  // first load + 2 good swaps
  HttpResult metrics = admin.Get(server.url("/metrics"), server.screen_key());
  EXPECT_NE(metrics.body.find("embargo_lists_reload_failures_total 1"),
            std::string::npos);
  fs::remove_all(dir);
}

TEST(ReloadUnderLoadTest, ShrinkPastTheAllowedFractionIsRefused) {
  std::string dir = MakeTempDir("embargo-shrink-");
  std::string un = dir + "/un.xml";
  Install(UnList2026(), un);
  TestServer server({un});  // default: at most 10% fewer entities
  std::string before = server.lists().Current()->version;
  Install(UnList2025(), un);
  HttpClient admin;
  HttpResult r =
      admin.Post(server.url("/admin/reload"), "", "", server.admin_key());
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(json::parse(r.body)["detail"].get<std::string>().find(
                "list un_sc would fall from 1003 to 879 entities (12.4%, more "
                "than the "
                "10.0% allowed)"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(server.lists().Current()->version, before);
  HttpResult metrics = admin.Get(server.url("/metrics"), server.screen_key());
  EXPECT_NE(metrics.body.find("embargo_lists_last_reload_failed 1"),
            std::string::npos);
  fs::remove_all(dir);
}

// Runs a command and returns its stdout.
std::string Capture(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

// Starts `embargo serve ARGS --listen 127.0.0.1:0 --threads 2` with stderr
// in `log`; returns its pid and sets *port once it listens (0 if it never
// does).
pid_t StartServe(const std::vector<std::string>& args, const std::string& log,
                 unsigned* port) {
  pid_t pid = ::fork();
  if (pid == 0) {
    FILE* f = std::freopen(log.c_str(), "w", stderr);
    (void)f;
    std::vector<std::string> all = {EMBARGO_BINARY, "serve"};
    all.insert(all.end(), args.begin(), args.end());
    for (const char* a : {"--listen", "127.0.0.1:0", "--threads", "2"})
      all.emplace_back(a);
    std::vector<char*> argv;
    argv.reserve(all.size() + 1);
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(EMBARGO_BINARY, argv.data());
    ::_exit(127);
  }
  *port = 0;
  for (int i = 0; pid > 0 && i < 200 && *port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line))
      if (std::sscanf(line.c_str(), "embargo: listening on 127.0.0.1:%u",
                      port) == 1)
        break;
  }
  return pid;
}

// StartServe(), then GET /readyz until it answers 200 (15 s at most): the
// server's pid and base URL.
void StartReady(const std::vector<std::string>& args, const std::string& log,
                pid_t* pid, std::string* base) {
  unsigned port = 0;
  *pid = StartServe(args, log, &port);
  ASSERT_GT(*pid, 0);
  ASSERT_NE(port, 0u);
  *base = "http://127.0.0.1:" + std::to_string(port);
  HttpClient c;
  int ready = 0;
  for (int i = 0; i < 300 && ready != 200; ++i) {
    ready = c.Get(*base + "/readyz").status;
    if (ready != 200)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(ready, 200);
}

// SIGTERM, and the clean exit it must bring.
void StopServe(pid_t pid) {
  ::kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// The key `embargo keys add` prints alone on its last line.
std::string LastLine(const std::string& out) {
  std::string last = out.substr(out.rfind('\n', out.size() - 2) + 1);
  if (!last.empty() && last.back() == '\n') last.pop_back();
  return last;
}

// GET /lists until the refresh count reaches `attempts` and none runs.
json ListsAfter(HttpClient& c, const std::string& base, const std::string& key,
                int attempts) {
  json lj;
  for (int i = 0; i < 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    lj = json::parse(c.Get(base + "/lists", "ApiKey " + key).body);
    if (lj["reload"]["attempts"] == attempts &&
        !lj["reload"]["in_progress"].get<bool>())
      break;
  }
  return lj;
}

TEST(ServeBinaryTest, KeysSighupReloadAndCleanStop) {
  std::string dir = MakeTempDir("embargo-binary-");
  std::string un = dir + "/un.xml";
  std::string state = dir + "/state";
  Install(UnList2026(), un);
  std::string out = Capture(std::string(EMBARGO_BINARY) +
                            " keys add --scope screen --state " + state);
  std::string last = LastLine(out);
  ASSERT_EQ(last.rfind("emb_", 0), 0u) << out;
  ASSERT_EQ(last.size(), 4 + 8 + 1 + 43u) << last;
  std::string keyfile;
  {
    std::ifstream in(state + "/api_keys");
    std::stringstream buf;
    buf << in.rdbuf();
    keyfile = buf.str();
  }
  EXPECT_EQ(keyfile.find(last), std::string::npos)
      << "the key itself must not be stored";
  EXPECT_EQ(
      (fs::status(state + "/api_keys").permissions() & fs::perms::others_read),
      fs::perms::none);

  pid_t pid = 0;
  std::string base;
  ASSERT_NO_FATAL_FAILURE(StartReady({"--list", un, "--state", state},
                                     dir + "/serve.log", &pid, &base));
  HttpClient c;
  EXPECT_EQ(c.Get(base + "/lists").status, 401);
  HttpResult before = c.Get(base + "/lists", "ApiKey " + last);
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(json::parse(before.body)["lists"][0]["counts"]["entities"], 1003);

  Install(UnList2025(), un);  // 12.4% fewer: refused under the default 10%
  ::kill(pid, SIGHUP);
  json lj = ListsAfter(c, base, last, 2);
  EXPECT_EQ(lj["reload"]["failures"], 1);
  EXPECT_EQ(lj["generation"], 1);
  EXPECT_EQ(lj["lists"][0]["counts"]["entities"], 1003);

  // A genuine update on SIGHUP: the UN list with one more entity's worth of
  // content is not at hand, so reinstall the original and see it reload.
  Install(UnList2026(), un);
  ::kill(pid, SIGHUP);
  for (int i = 0; i < 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    lj = json::parse(c.Get(base + "/lists", "ApiKey " + last).body);
    if (lj["generation"] == 2) break;
  }
  EXPECT_EQ(lj["generation"], 2);
  EXPECT_FALSE(lj["reload"]["last_failed"].get<bool>());

  ASSERT_NO_FATAL_FAILURE(StopServe(pid));
  fs::remove_all(dir);
}

// `serve --index`: a snapshot from `embargo index build`, opened again on
// SIGHUP with the same fail-closed checks as lists.
TEST(ServeBinaryTest, ServesAnIndexSnapshotAndRefreshesIt) {
  std::string dir = MakeTempDir("embargo-binary-");
  std::string idx = dir + "/lists.idx";
  std::string state = dir + "/state";
  auto build = [&](const std::string& list, const std::string& out) {
    Capture(std::string(EMBARGO_BINARY) + " index build --list " + list +
            " --out " + out + " 2>&1");
    return fs::exists(out);
  };
  ASSERT_TRUE(build(UnList2026(), dir + "/2026.idx"));
  ASSERT_TRUE(build(UnList2025(), dir + "/2025.idx"));
  Install(dir + "/2026.idx", idx);
  std::string out = Capture(std::string(EMBARGO_BINARY) +
                            " keys add --scope screen --state " + state);
  std::string key = LastLine(out);
  pid_t pid = 0;
  std::string base;
  ASSERT_NO_FATAL_FAILURE(StartReady({"--index", idx, "--state", state},
                                     dir + "/serve.log", &pid, &base));
  HttpClient c;
  json lj = ListsAfter(c, base, key, 1);
  EXPECT_EQ(lj["lists"][0]["counts"]["entities"], 1003);
  EXPECT_EQ(lj["lists"][0]["source"], idx);
  HttpResult hit =
      c.Get(base + "/search?name=Ri%20Je-son&limit=1", "ApiKey " + key);
  ASSERT_EQ(hit.status, 200);
  EXPECT_EQ(json::parse(hit.body)["entities"][0]["id"], "un-KPi.002");

  Install(dir + "/2025.idx", idx);  // 12.4% fewer: refused
  ::kill(pid, SIGHUP);
  lj = ListsAfter(c, base, key, 2);
  EXPECT_EQ(lj["reload"]["failures"], 1);
  EXPECT_EQ(lj["generation"], 1);
  EXPECT_EQ(lj["lists"][0]["counts"]["entities"], 1003);
  EXPECT_EQ(c.Get(base + "/readyz").status, 200);  // the old one is whole

  Install(dir + "/2026.idx", idx);
  ::kill(pid, SIGHUP);
  lj = ListsAfter(c, base, key, 3);
  EXPECT_EQ(lj["generation"], 2);
  EXPECT_FALSE(lj["reload"]["last_failed"].get<bool>());

  ASSERT_NO_FATAL_FAILURE(StopServe(pid));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace embargo::server::testing
