#include "server/test_client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace embargo::server::testing {

// libcurl reads and writes `long` through its varargs API; no other type
// will do.
using CurlLong = long;  // NOLINT(google-runtime-int): libcurl's API type

namespace {

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t WriteHeader(char* data, size_t size, size_t n, void* user) {
  std::string line(data, size * n);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n'))
      value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(user))[name] = value;
  }
  return size * n;
}

}  // namespace

HttpClient::HttpClient() : curl_(curl_easy_init()) {}
HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResult HttpClient::Get(const std::string& url, const std::string& auth) {
  return Request("GET", url, "", "", auth);
}

HttpResult HttpClient::Post(const std::string& url, const std::string& body,
                            const std::string& content_type,
                            const std::string& auth) {
  return Request("POST", url, body, content_type, auth);
}

HttpResult HttpClient::Request(const std::string& method,
                               const std::string& url, const std::string& body,
                               const std::string& content_type,
                               const std::string& auth) {
  CURL* c = static_cast<CURL*>(curl_);
  HttpResult r;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_slist* headers = nullptr;
  if (!auth.empty())
    headers = curl_slist_append(headers, ("Authorization: " + auth).c_str());
  if (!content_type.empty())
    headers =
        curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  if (method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(body.size()));
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(
      c, CURLOPT_CUSTOMREQUEST,
      method == "GET" || method == "POST" ? nullptr : method.c_str());
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) r.error = curl_easy_strerror(rc);
  CurlLong status = 0;
  CurlLong connects = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
  r.status = static_cast<int>(status);
  r.new_connections = static_cast<int>(connects);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  return r;
}

RawSocket::RawSocket(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawSocket::~RawSocket() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawSocket::Send(const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

void RawSocket::ShutdownWrite() { ::shutdown(fd_, SHUT_WR); }

std::string RawSocket::ReadAll(int timeout_ms, bool* eof) {
  std::string out;
  if (eof) *eof = false;
  auto end =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int left =
        static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                             end - std::chrono::steady_clock::now())
                             .count());
    if (left <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, left) <= 0) break;
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      if (eof) *eof = true;
      break;
    }
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string RawSocket::ReadUntil(const std::string& needle, int timeout_ms) {
  std::string out;
  auto end =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (out.find(needle) == std::string::npos) {
    int left =
        static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                             end - std::chrono::steady_clock::now())
                             .count());
    if (left <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, left) <= 0) break;
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string UnList2026() {
  return std::string(EMBARGO_SHARED_DATA) +
         "/un_sc/2026-02-27/UN_consolidated.xml";
}
std::string UnList2025() {
  return std::string(EMBARGO_SHARED_DATA) +
         "/un_sc/2025-08-02/consolidatedLegacyByPRN.xml";
}
std::string OfacConsolidated() {
  return std::string(EMBARGO_SHARED_DATA) + "/ofac_consolidated/2025-12-19";
}

std::string MakeTempDir(const std::string& prefix) {
  std::string tmpl =
      (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

TestServer::TestServer(std::vector<std::string> lists,
                       void (*tweak)(ServerConfig*)) {
  state_dir_ = MakeTempDir("embargo-server-test-");
  config_.listen = "127.0.0.1:0";
  config_.threads = 2;
  config_.worker_threads = 2;
  config_.screen_threads = 2;
  config_.state_dir = state_dir_;
  config_.lists = std::move(lists);
  if (tweak) tweak(&config_);
  screen_key_ = "ApiKey " + *service::AddApiKey(
                                state_dir_, service::KeyScope::kScreen, "test");
  admin_key_ = "Bearer " + *service::AddApiKey(
                               state_dir_, service::KeyScope::kAdmin, "test");
  keys_ = std::make_unique<service::ApiKeyStore>(state_dir_);
  (void)keys_->Reload();
  metrics_ = std::make_unique<service::MetricsRegistry>();
  service::ListManagerOptions lopts;
  lopts.specs = config_.lists;
  lopts.max_entity_drop = config_.max_entity_drop;
  lists_ = std::make_unique<service::ListManager>(lopts);
  if (config_.trade_rules.empty())
    config_.trade_rules = {std::string(EMBARGO_SOURCE_DIR) + "/rules"};
  auto rules = TradeRules::Load(config_.trade_rules);
  if (!rules.ok()) throw std::runtime_error(rules.status().ToString());
  trade_rules_ = std::move(*rules);
  api_ = std::make_unique<Api>(config_, lists_.get(), keys_.get(),
                               metrics_.get(), &*trade_rules_);
  http_ = std::make_unique<HttpServer>(config_, api_.get());
  Status st = http_->Start();
  if (!st.ok()) throw std::runtime_error(st.ToString());
  lists_->Start();
  // Until the first load ends, however it ends.
  for (int i = 0;
       i < 600 && lists_->state().successes + lists_->state().failures == 0;
       ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

TestServer::~TestServer() {
  http_->Stop();
  lists_->Stop();
  std::error_code ec;
  std::filesystem::remove_all(state_dir_, ec);
}

std::string TestServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(http_->port()) + path;
}

}  // namespace embargo::server::testing
