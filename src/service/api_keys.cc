#include "service/api_keys.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

namespace embargo::service {

namespace fs = std::filesystem;

std::string_view KeyScopeName(KeyScope scope) {
  return scope == KeyScope::kAdmin ? "admin" : "screen";
}

std::optional<KeyScope> ParseKeyScope(std::string_view text) {
  if (text == "screen") return KeyScope::kScreen;
  if (text == "admin") return KeyScope::kAdmin;
  return std::nullopt;
}

bool ScopeAllows(KeyScope have, KeyScope need) {
  return have == KeyScope::kAdmin || need == KeyScope::kScreen;
}

std::string ApiKeyFile(const std::string& state_dir) {
  return (fs::path(state_dir) / "api_keys").string();
}

std::string Sha256Hex(std::string_view text) {
  // Every request's key is hashed. EVP_sha256() makes OpenSSL 3 look the
  // algorithm up in its providers at each digest (0.87 us a key here);
  // fetched once, with a context kept by each thread, it costs 0.19 us.
  // On any failure the hash is empty, which no stored key has.
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(
      EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (md == nullptr || ctx == nullptr ||
      EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), text.data(), text.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1)
    return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(std::size_t{len} * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

namespace {

constexpr const char* kHeader =
    "# embargo API keys: id scope sha256 created_unix revoked label. Only "
    "hashes are kept here; a lost key cannot be recovered, add a new one.\n";

std::string Base64Url(const unsigned char* data, size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < n; i += 3) {
    unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (n - i == 1) {
    unsigned v = data[i] << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (n - i == 2) {
    unsigned v = (data[i] << 16) | (data[i + 1] << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::string FormatRecord(const ApiKeyRecord& r) {
  std::string label = r.label;
  for (char& c : label)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return fmt::format("{} {} {} {} {} {}\n", r.id, KeyScopeName(r.scope),
                     r.sha256, r.created_unix, r.revoked ? 1 : 0, label);
}

Result<std::vector<ApiKeyRecord>> ParseKeys(const std::string& path,
                                            const std::string& text) {
  std::vector<ApiKeyRecord> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    ApiKeyRecord r;
    std::string scope;
    int revoked = 0;
    if (!(fields >> r.id >> scope >> r.sha256 >> r.created_unix >> revoked))
      return Status::DataError(
          fmt::format("{}:{}: malformed key record", path, n));
    auto s = ParseKeyScope(scope);
    if (!s || r.sha256.size() != 64)
      return Status::DataError(
          fmt::format("{}:{}: field scope or sha256: bad value", path, n));
    r.scope = *s;
    r.revoked = revoked != 0;
    std::getline(fields >> std::ws, r.label);
    out.push_back(std::move(r));
  }
  return out;
}

// Holds an exclusive flock on the key file while it lives.
class LockedFile {
 public:
  explicit LockedFile(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~LockedFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

Result<std::string> ReadAll(int fd) {
  std::string text;
  char buf[8192];
  if (::lseek(fd, 0, SEEK_SET) < 0)
    return Status::IoError(std::strerror(errno));
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) return Status::IoError(std::strerror(errno));
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  return text;
}

Status WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(std::strerror(errno));
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status EnsureStateDir(const std::string& state_dir) {
  std::error_code ec;
  fs::create_directories(state_dir, ec);
  if (ec)
    return Status::IoError(
        fmt::format("{}: cannot create: {}", state_dir, ec.message()));
  ::chmod(state_dir.c_str(), 0700);
  return Status::Ok();
}

}  // namespace

Result<std::string> AddApiKey(const std::string& state_dir, KeyScope scope,
                              std::string_view label) {
  EMBARGO_RETURN_IF_ERROR(EnsureStateDir(state_dir));
  unsigned char id_bytes[4];
  unsigned char secret[32];
  if (RAND_bytes(id_bytes, sizeof id_bytes) != 1 ||
      RAND_bytes(secret, sizeof secret) != 1)
    return Status::Internal("the system random generator failed");
  ApiKeyRecord r;
  r.id = fmt::format("{:02x}{:02x}{:02x}{:02x}", id_bytes[0], id_bytes[1],
                     id_bytes[2], id_bytes[3]);
  std::string key = "emb_" + r.id + "_" + Base64Url(secret, sizeof secret);
  r.scope = scope;
  r.sha256 = Sha256Hex(key);
  r.created_unix = static_cast<std::int64_t>(std::time(nullptr));
  r.label = std::string(label);
  std::string path = ApiKeyFile(state_dir);
  LockedFile f(path);
  if (f.fd() < 0)
    return Status::IoError(
        fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  auto text = ReadAll(f.fd());
  if (!text.ok()) return text.status().WithContext(path);
  std::string add = text->empty() ? kHeader : "";
  if (!text->empty() && text->back() != '\n') add += '\n';
  add += FormatRecord(r);
  if (::lseek(f.fd(), 0, SEEK_END) < 0)
    return Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
  EMBARGO_RETURN_IF_ERROR(WriteAll(f.fd(), add).WithContext(path));
  if (::fsync(f.fd()) != 0)
    return Status::IoError(
        fmt::format("{}: fsync: {}", path, std::strerror(errno)));
  return key;
}

Result<std::vector<ApiKeyRecord>> ReadApiKeys(const std::string& state_dir) {
  std::string path = ApiKeyFile(state_dir);
  std::ifstream in(path);
  if (!in) {
    if (!fs::exists(path)) return std::vector<ApiKeyRecord>{};
    return Status::IoError(fmt::format("{}: cannot read", path));
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return ParseKeys(path, buf.str());
}

Status RevokeApiKey(const std::string& state_dir, std::string_view id) {
  std::string path = ApiKeyFile(state_dir);
  if (!fs::exists(path)) return Status::NotFound(fmt::format("no key {}", id));
  LockedFile f(path);
  if (f.fd() < 0)
    return Status::IoError(
        fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  auto text = ReadAll(f.fd());
  if (!text.ok()) return text.status().WithContext(path);
  auto records = ParseKeys(path, *text);
  if (!records.ok()) return records.status();
  bool found = false;
  std::string out = kHeader;
  for (ApiKeyRecord& r : *records) {
    if (r.id == id) {
      found = true;
      r.revoked = true;
    }
    out += FormatRecord(r);
  }
  if (!found) return Status::NotFound(fmt::format("no key {}", id));
  // Rewrite through a temporary file so a crash never leaves half a file.
  std::string tmp = path + ".tmp";
  {
    int fd =
        ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
      return Status::IoError(
          fmt::format("{}: cannot write: {}", tmp, std::strerror(errno)));
    Status st = WriteAll(fd, out);
    if (st.ok() && ::fsync(fd) != 0) st = Status::IoError(std::strerror(errno));
    ::close(fd);
    EMBARGO_RETURN_IF_ERROR(st.WithContext(tmp));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IoError(
        fmt::format("{}: cannot replace: {}", path, std::strerror(errno)));
  return Status::Ok();
}

ApiKeyStore::ApiKeyStore(std::string state_dir)
    : state_dir_(std::move(state_dir)) {}

bool ApiKeyStore::FileChanged() const {
  struct stat st;
  if (::stat(ApiKeyFile(state_dir_).c_str(), &st) != 0) return file_size_ != -1;
  std::int64_t mtime =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 +
      st.st_mtim.tv_nsec;
  // The inode too: a revocation rewrites the file through a rename, keeps
  // its size, and may land within the same coarse timestamp tick.
  return mtime != file_mtime_ns_ || st.st_size != file_size_ ||
         static_cast<std::int64_t>(st.st_ino) != file_inode_;
}

Status ApiKeyStore::Reload() {
  struct stat st;
  std::int64_t mtime = -1, size = -1, inode = -1;
  if (::stat(ApiKeyFile(state_dir_).c_str(), &st) == 0) {
    inode = static_cast<std::int64_t>(st.st_ino);
    mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 +
            st.st_mtim.tv_nsec;
    size = st.st_size;
  }
  auto records = ReadApiKeys(state_dir_);
  std::unique_lock lock(mu_);
  last_check_ = std::chrono::steady_clock::now();
  if (!records.ok()) return records.status();
  by_hash_.clear();
  for (const ApiKeyRecord& r : *records)
    if (!r.revoked) by_hash_[r.sha256] = r.scope;
  file_mtime_ns_ = mtime;
  file_size_ = size;
  file_inode_ = inode;
  return Status::Ok();
}

std::optional<KeyScope> ApiKeyStore::Verify(std::string_view key) {
  // At most once a second, look whether the file changed, so keys added or
  // revoked while the server runs take effect without a restart.
  bool stale;
  {
    std::shared_lock lock(mu_);
    stale = std::chrono::steady_clock::now() - last_check_ >=
            std::chrono::seconds(1);
  }
  if (stale) {
    bool changed = false;
    {
      std::unique_lock lock(mu_);
      if (std::chrono::steady_clock::now() - last_check_ >=
          std::chrono::seconds(1)) {
        last_check_ = std::chrono::steady_clock::now();
        changed = FileChanged();
      }
    }
    if (changed) (void)Reload();  // on error the previous keys stay in force
  }
  std::string hash = Sha256Hex(key);
  std::shared_lock lock(mu_);
  auto it = by_hash_.find(hash);
  if (it != by_hash_.end()) return it->second;
  return std::nullopt;
}

size_t ApiKeyStore::size() const {
  std::shared_lock lock(mu_);
  return by_hash_.size();
}

}  // namespace embargo::service
