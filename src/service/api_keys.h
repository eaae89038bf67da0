// API keys for the HTTP service. A key is shown once, when created; only its
// SHA-256 is stored, in STATE_DIR/api_keys (one record per line, mode 0600).
// Keys carry a scope: "screen" (every read and screening route) or "admin"
// (also /admin/*).
// Thread-safety: the static functions may race with each other only through
// the file, which they lock (flock); an ApiKeyStore may be used from many
// threads at once.
#ifndef EMBARGO_SERVICE_API_KEYS_H_
#define EMBARGO_SERVICE_API_KEYS_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "embargo/status.h"

namespace embargo::service {

enum class KeyScope { kScreen, kAdmin };
std::string_view KeyScopeName(KeyScope scope);  // "screen", "admin"
std::optional<KeyScope> ParseKeyScope(std::string_view text);
// True when a key of scope `have` may call a route that needs `need`.
bool ScopeAllows(KeyScope have, KeyScope need);

struct ApiKeyRecord {
  std::string id;  // 8 hex digits, also visible inside the key
  KeyScope scope = KeyScope::kScreen;
  std::string sha256;  // hex digest of the whole key
  std::int64_t created_unix = 0;
  std::string label;
  bool revoked = false;
};

// The key file inside a state folder.
std::string ApiKeyFile(const std::string& state_dir);

// Creates a key of `scope`, stores its hash (creating the folder, mode 0700,
// if needed) and returns the key: "emb_<id>_<43 base64url chars>". Fails
// with kIoError when the folder or file cannot be written.
Result<std::string> AddApiKey(const std::string& state_dir, KeyScope scope,
                              std::string_view label);

// Marks the key `id` revoked. kNotFound if no such key.
Status RevokeApiKey(const std::string& state_dir, std::string_view id);

// Every record in the file (none if the file does not exist yet). kDataError
// naming the line for a malformed record.
Result<std::vector<ApiKeyRecord>> ReadApiKeys(const std::string& state_dir);

class ApiKeyStore {
 public:
  explicit ApiKeyStore(std::string state_dir);

  // Re-reads the key file. On error the previous keys stay in force.
  Status Reload();

  // The scope of `key`, or nullopt for an unknown or revoked key. The file
  // is re-read when it changed (looked at most once a second), so keys
  // added or revoked while the server runs take effect within a second.
  std::optional<KeyScope> Verify(std::string_view key);

  size_t size() const;

 private:
  bool FileChanged() const;

  std::string state_dir_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, KeyScope> by_hash_;
  std::int64_t file_mtime_ns_ = -1;
  std::int64_t file_size_ = -1;
  std::int64_t file_inode_ = -1;
  std::chrono::steady_clock::time_point last_check_{};
};

// Hex SHA-256 of `text`.
std::string Sha256Hex(std::string_view text);

}  // namespace embargo::service

#endif  // EMBARGO_SERVICE_API_KEYS_H_
