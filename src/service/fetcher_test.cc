// `embargo fetch` against a loopback HTTP server that serves the official
// files from ../shared/data, and broken, truncated and mislabelled ones.
#include "service/fetcher.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "service/api_keys.h"

namespace embargo::service {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

const std::string kData = EMBARGO_SHARED_DATA;
const std::string kUn = kData + "/un_sc/2026-02-27/UN_consolidated.xml";
const std::string kOfac = kData + "/ofac_consolidated/2025-12-19";

// A one-request-per-connection HTTP/1.0-style server on 127.0.0.1.
class LoopbackServer {
 public:
  struct Reply {
    int status = 200;
    std::string body;
    size_t announce = 0;  // Content-Length to claim (0: body size)
  };
  LoopbackServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(fd_, 16);
    thread_ = std::thread([this] { Run(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  void Set(const std::string& path, Reply r) { routes_[path] = std::move(r); }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int requests() const { return requests_; }

 private:
  void Run() {
    while (!stop_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string req;
      char buf[4096];
      while (req.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        req.append(buf, static_cast<size_t>(n));
      }
      ++requests_;
      std::string path = req.substr(4, req.find(' ', 4) - 4);
      auto it = routes_.find(path);
      Reply r = it == routes_.end() ? Reply{404, "not found", 0} : it->second;
      std::string head =
          "HTTP/1.1 " + std::to_string(r.status) + " X\r\nContent-Length: " +
          std::to_string(r.announce ? r.announce : r.body.size()) +
          "\r\nConnection: close\r\n\r\n";
      std::string all = head + r.body;
      size_t off = 0;
      while (off < all.size()) {
        ssize_t n = ::send(c, all.data() + off, all.size() - off, MSG_NOSIGNAL);
        if (n <= 0) break;
        off += static_cast<size_t>(n);
      }
      ::close(c);
    }
  }
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::map<std::string, Reply> routes_;
  std::thread thread_;
};

class FetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string t =
        (fs::temp_directory_path() / "embargo-fetch-XXXXXX").string();
    out_ = ::mkdtemp(t.data());
    un_ = Slurp(kUn);
    server_.Set("/un.xml", {200, un_});
    server_.Set("/un.xml.sha256",
                {200, Sha256Hex(un_) + "  consolidated.xml\n"});
    server_.Set("/bad.sha256", {200, std::string(64, 'a') + "\n"});
    server_.Set("/truncated.xml",
                {200, un_.substr(0, un_.size() / 2), un_.size()});
    server_.Set("/broken.xml", {200, un_.substr(0, un_.size() / 2)});
    server_.Set("/error.xml", {500, "oops"});
    for (const char* f :
         {"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"})
      server_.Set(std::string("/ofac/") + f, {200, Slurp(kOfac + "/" + f)});
  }
  void TearDown() override { fs::remove_all(out_); }

  std::vector<FetchResult> Fetch(const std::string& un_path,
                                 const std::string& extra = "") {
    SourceFile un{"un_sc", "consolidated.xml", server_.url(un_path), "", "",
                  "un_xml"};
    if (!extra.empty()) un.sha256_url = server_.url(extra);
    std::vector<SourceFile> sources = {un};
    for (const char* f :
         {"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"})
      sources.push_back(
          {"ofac_cons", f, server_.url(std::string("/ofac/") + f), "", "", ""});
    FetchOptions opts;
    opts.out_dir = out_;
    opts.timeout_seconds = 20;
    return FetchSources(sources, opts);
  }

  LoopbackServer server_;
  std::string out_;
  std::string un_;
};

TEST_F(FetcherTest, DownloadsVerifiesAndInstalls) {
  auto results = Fetch("/un.xml", "/un.xml.sha256");
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].ok) << results[0].error;
  EXPECT_TRUE(results[0].changed);
  EXPECT_EQ(results[0].entities, 1003u);
  EXPECT_EQ(results[0].bytes, un_.size());
  EXPECT_EQ(Slurp(out_ + "/un_sc/consolidated.xml"), un_);
  EXPECT_TRUE(results[1].ok) << results[1].error;
  EXPECT_EQ(results[1].entities, 442u);
  EXPECT_EQ(Slurp(out_ + "/ofac_cons/cons_prim.csv"),
            Slurp(kOfac + "/cons_prim.csv"));
  // No staging folders left behind.
  for (const auto& e : fs::directory_iterator(out_))
    EXPECT_EQ(e.path().filename().string().find(".incoming"),
              std::string::npos);
  auto again = Fetch("/un.xml");
  EXPECT_TRUE(again[0].ok);
  EXPECT_FALSE(again[0].changed);
}

TEST_F(FetcherTest, BadDownloadsKeepTheLastGoodCopy) {
  ASSERT_TRUE(Fetch("/un.xml")[0].ok);
  struct Case {
    std::string path, sha_url, expect;
  } cases[] = {
      {"/truncated.xml", "", "transfer closed with"},
      {"/broken.xml", "", "the download does not parse"},
      {"/un.xml", "/bad.sha256", "checksum mismatch"},
      {"/error.xml", "", "HTTP 500"},
      {"/missing.xml", "", "HTTP 404"},
  };
  for (const Case& c : cases) {
    auto r = Fetch(c.path, c.sha_url);
    EXPECT_FALSE(r[0].ok) << c.path;
    EXPECT_NE(r[0].error.find(c.expect), std::string::npos)
        << c.path << ": " << r[0].error;
    EXPECT_EQ(Slurp(out_ + "/un_sc/consolidated.xml"), un_) << c.path;
    EXPECT_TRUE(r[1].ok) << "one list's failure does not stop the others";
  }
  EXPECT_FALSE(fs::exists(out_ + "/.incoming-un_sc"));
}

TEST_F(FetcherTest, FirstFetchFailingLeavesNothing) {
  auto r = Fetch("/broken.xml");
  EXPECT_FALSE(r[0].ok);
  EXPECT_FALSE(fs::exists(out_ + "/un_sc"));
}

TEST(SourcesConfigTest, ShippedConfigParses) {
  auto sources = ReadSourcesConfig(std::string(EMBARGO_SOURCE_DIR) +
                                   "/config/sources.conf");
  ASSERT_TRUE(sources.ok()) << sources.status().ToString();
  std::map<std::string, int> files;
  for (const SourceFile& s : *sources) {
    ++files[s.list];
    EXPECT_EQ(s.url.rfind("https://", 0), 0u) << s.url;
  }
  EXPECT_EQ(files["un_sc"], 1);
  EXPECT_EQ(files["ofac_sdn"], 4);
  EXPECT_EQ(files["ofac_cons"], 4);
  EXPECT_EQ(files["uk_ofsi"], 1);
  EXPECT_EQ(files["canada_sema"], 1);
  EXPECT_EQ(files["australia_dfat"], 1);
  EXPECT_EQ(files["us_csl"], 1);
  EXPECT_EQ((*sources)[0].url,
            "https://scsanctions.un.org/resources/xml/en/consolidated.xml");
}

TEST(SourcesConfigTest, MalformedLinesAreNamed) {
  std::string path =
      (fs::temp_directory_path() / "embargo-src-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  ::close(fd);
  std::ofstream(path) << "# comment\nun_sc file.xml\n";
  auto r = ReadSourcesConfig(path);
  EXPECT_EQ(r.status().code(), StatusCode::kDataError);
  EXPECT_EQ(r.status().message(),
            path + ":2: expected LIST FILE URL [key=value...]");
  std::ofstream(path) << "un_sc ../x.xml http://127.0.0.1/x\n";
  EXPECT_FALSE(ReadSourcesConfig(path).ok());
  std::ofstream(path) << "un_sc x.xml http://127.0.0.1/x color=red\n";
  EXPECT_NE(
      ReadSourcesConfig(path).status().message().find("unknown option 'color'"),
      std::string::npos);
  fs::remove(path);
}

}  // namespace
}  // namespace embargo::service
