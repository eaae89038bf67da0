#include "service/fetcher.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "embargo/lists.h"
#include "model/ascii.h"
#include "service/api_keys.h"

namespace embargo::service {

// libcurl reads and writes `long` through its varargs API; no other type
// will do.
using CurlLong = long;  // NOLINT(google-runtime-int): libcurl's API type

namespace fs = std::filesystem;

namespace {

std::once_flag curl_init_once;

struct Sink {
  std::FILE* file = nullptr;
  std::uint64_t bytes = 0;
  std::uint64_t max_bytes = 0;
  bool too_big = false;
};

size_t WriteToFile(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t len = size * n;
  if (sink->bytes + len > sink->max_bytes) {
    sink->too_big = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->bytes += len;
  return std::fwrite(data, 1, len, sink->file);
}

Result<std::string> FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read", path));
  std::stringstream buf;
  buf << in.rdbuf();
  return Sha256Hex(buf.str());
}

// The first 64-hex-digit word of a checksum file ("HEX  name" or "HEX").
std::string FirstDigest(const std::string& text) {
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    word = internal::AsciiLower(word);
    if (word.size() == 64 &&
        word.find_first_not_of("0123456789abcdef") == std::string::npos)
      return word;
  }
  return "";
}

Status FsyncPath(const fs::path& p, bool dir) {
  int fd =
      ::open(p.c_str(), (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0)
    return Status::IoError(
        fmt::format("{}: {}", p.string(), std::strerror(errno)));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0)
    return Status::IoError(
        fmt::format("{}: fsync: {}", p.string(), std::strerror(errno)));
  return Status::Ok();
}

// Swaps two paths atomically where the kernel can (renameat2 with
// RENAME_EXCHANGE); `staged` then holds the old copy.
Status SwapInto(const fs::path& staged, const fs::path& target) {
  if (!fs::exists(target)) {
    if (std::rename(staged.c_str(), target.c_str()) != 0)
      return Status::IoError(fmt::format(
          "{}: cannot rename: {}", target.string(), std::strerror(errno)));
    return Status::Ok();
  }
  if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, target.c_str(),
                  RENAME_EXCHANGE) != 0)
    return Status::IoError(fmt::format("{}: cannot swap in the new copy: {}",
                                       target.string(), std::strerror(errno)));
  return Status::Ok();
}

bool SameContent(const fs::path& a, const fs::path& b) {
  if (!fs::exists(a) || !fs::exists(b)) return false;
  for (const auto& entry : fs::directory_iterator(a)) {
    fs::path other = b / entry.path().filename();
    auto ha = FileSha256(entry.path().string());
    auto hb = FileSha256(other.string());
    if (!ha.ok() || !hb.ok() || *ha != *hb) return false;
  }
  size_t na =
      std::distance(fs::directory_iterator(a), fs::directory_iterator());
  size_t nb =
      std::distance(fs::directory_iterator(b), fs::directory_iterator());
  return na == nb;
}

Status FetchList(const std::string& list,
                 const std::vector<const SourceFile*>& files,
                 const FetchOptions& options, FetchResult* result) {
  fs::path target = fs::path(options.out_dir) / list;
  fs::path staged = fs::path(options.out_dir) / (".incoming-" + list);
  std::error_code ec;
  fs::remove_all(staged, ec);
  fs::create_directories(staged, ec);
  if (ec)
    return Status::IoError(
        fmt::format("{}: cannot create: {}", staged.string(), ec.message()));
  auto log = [&](const std::string& s) {
    if (options.log) options.log(s);
  };
  for (const SourceFile* f : files) {
    fs::path dest = staged / f->file;
    log(fmt::format("{}: downloading {}", list, f->url));
    EMBARGO_RETURN_IF_ERROR(DownloadFile(
        f->url, dest.string(), options.timeout_seconds, options.max_bytes));
    std::string expected = internal::AsciiLower(f->sha256);
    if (expected.empty() && !f->sha256_url.empty()) {
      fs::path sum = staged / (f->file + ".sha256.download");
      EMBARGO_RETURN_IF_ERROR(DownloadFile(f->sha256_url, sum.string(),
                                           options.timeout_seconds, 1 << 20));
      std::ifstream in(sum);
      std::stringstream buf;
      buf << in.rdbuf();
      expected = FirstDigest(buf.str());
      fs::remove(sum, ec);
      if (expected.empty())
        return Status::DataError(
            fmt::format("{}: no SHA-256 digest in {}", list, f->sha256_url));
    }
    if (!expected.empty()) {
      auto got = FileSha256(dest.string());
      if (!got.ok()) return got.status();
      if (*got != expected)
        return Status::DataError(
            fmt::format("{}: {}: checksum mismatch: expected sha256 {}, got {}",
                        list, f->file, expected, *got));
      log(fmt::format("{}: {}: sha256 verified", list, f->file));
    }
    result->bytes += fs::file_size(dest, ec);
    EMBARGO_RETURN_IF_ERROR(FsyncPath(dest, false));
  }
  // Parse in full before the copy may replace the last good one.
  std::string spec = staged.string();
  if (files.size() == 1 && !files[0]->format.empty())
    spec = files[0]->format + ":" + (staged / files[0]->file).string();
  auto loaded = LoadLists({spec});
  if (!loaded.ok())
    return Status::DataError(fmt::format("{}: the download does not parse: {}",
                                         list, loaded.status().ToString()));
  for (const EntityList& l : *loaded) result->entities += l.entities.size();
  if (result->entities == 0)
    return Status::DataError(
        fmt::format("{}: the download holds no entities", list));
  result->changed = !SameContent(staged, target);
  EMBARGO_RETURN_IF_ERROR(FsyncPath(staged, true));
  EMBARGO_RETURN_IF_ERROR(SwapInto(staged, target));
  EMBARGO_RETURN_IF_ERROR(FsyncPath(options.out_dir, true));
  fs::remove_all(staged, ec);  // the previous copy, after a swap
  return Status::Ok();
}

}  // namespace

Result<std::vector<SourceFile>> ReadSourcesConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open", path));
  std::vector<SourceFile> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (size_t hash = line.find('#'); hash != std::string::npos)
      line.resize(hash);
    std::istringstream words(line);
    SourceFile f;
    if (!(words >> f.list)) continue;
    if (!(words >> f.file >> f.url))
      return Status::DataError(
          fmt::format("{}:{}: expected LIST FILE URL [key=value...]", path, n));
    std::string opt;
    while (words >> opt) {
      size_t eq = opt.find('=');
      std::string key = opt.substr(0, eq);
      std::string value = eq == std::string::npos ? "" : opt.substr(eq + 1);
      if (key == "sha256")
        f.sha256 = value;
      else if (key == "sha256_url")
        f.sha256_url = value;
      else if (key == "format")
        f.format = value;
      else
        return Status::DataError(
            fmt::format("{}:{}: unknown option '{}'", path, n, key));
    }
    if (f.file.find('/') != std::string::npos || f.file == ".." ||
        f.file == "." || f.list.find('/') != std::string::npos ||
        f.list[0] == '.')
      return Status::DataError(
          fmt::format("{}:{}: LIST and FILE must be plain names", path, n));
    out.push_back(std::move(f));
  }
  return out;
}

Status DownloadFile(const std::string& url, const std::string& path,
                    std::int64_t timeout_seconds, std::uint64_t max_bytes) {
  std::call_once(curl_init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(),
                                              curl_easy_cleanup);
  if (!curl) return Status::Internal("curl_easy_init failed");
  Sink sink;
  sink.max_bytes = max_bytes;
  sink.file = std::fopen(path.c_str(), "wb");
  if (!sink.file)
    return Status::IoError(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, WriteToFile);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT,
                   static_cast<CurlLong>(timeout_seconds));
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "embargo-fetch/0.1");
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  // A server that stalls mid-body is cut off rather than waited on forever.
  curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, 60L);
  CURLcode rc = curl_easy_perform(curl.get());
  CurlLong status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  bool closed_ok = std::fclose(sink.file) == 0;
  if (sink.too_big)
    return Status::LimitExceeded(
        fmt::format("{}: larger than {} bytes", url, max_bytes));
  if (rc != CURLE_OK)
    return Status::IoError(fmt::format(
        "{}: {}", url, errbuf[0] ? errbuf : curl_easy_strerror(rc)));
  if (status >= 400)
    return Status::IoError(fmt::format("{}: HTTP {}", url, status));
  if (!closed_ok) return Status::IoError(fmt::format("{}: cannot write", path));
  return Status::Ok();
}

std::vector<FetchResult> FetchSources(const std::vector<SourceFile>& sources,
                                      const FetchOptions& options) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const SourceFile*>> by_list;
  for (const SourceFile& s : sources) {
    if (!options.only.empty() &&
        std::find(options.only.begin(), options.only.end(), s.list) ==
            options.only.end())
      continue;
    if (!by_list.count(s.list)) order.push_back(s.list);
    by_list[s.list].push_back(&s);
  }
  std::vector<FetchResult> results;
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  // One fetch per folder at a time.
  std::string lock_path = (fs::path(options.out_dir) / ".fetch.lock").string();
  int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd >= 0) ::flock(lock_fd, LOCK_EX);
  for (const std::string& list : order) {
    FetchResult r;
    r.list = list;
    r.folder = (fs::path(options.out_dir) / list).string();
    Status st = ec ? Status::IoError(fmt::format("{}: cannot create: {}",
                                                 options.out_dir, ec.message()))
                   : FetchList(list, by_list[list], options, &r);
    r.ok = st.ok();
    if (!st.ok()) {
      r.error = st.ToString();
      fs::remove_all(fs::path(options.out_dir) / (".incoming-" + list), ec);
      ec.clear();
    }
    results.push_back(std::move(r));
  }
  if (lock_fd >= 0) ::close(lock_fd);
  return results;
}

}  // namespace embargo::service
