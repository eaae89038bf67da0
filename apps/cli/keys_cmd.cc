// embargo keys: API keys for `embargo serve`.
#include <fmt/format.h>

#include <ctime>

#include "cli/common.h"
#include "service/api_keys.h"

namespace embargo::cli {
namespace {

struct KeysFlags {
  std::string state = "embargo-state";
  std::string scope = "screen";
  std::string label;
  std::string id;
};

int Add(const KeysFlags& f) {
  auto scope = service::ParseKeyScope(f.scope);
  if (!scope)
    return ReportError(Status::InvalidArgument(
        fmt::format("--scope: '{}' is not screen or admin", f.scope)));
  auto key = service::AddApiKey(f.state, *scope, f.label);
  if (!key.ok()) return ReportError(key.status());
  fmt::print(
      "Created a {} key in {} (only its hash is stored; it cannot be "
      "shown again).\n",
      f.scope, service::ApiKeyFile(f.state));
  fmt::print("{}\n", *key);
  return kExitOk;
}

int List(const KeysFlags& f) {
  auto keys = service::ReadApiKeys(f.state);
  if (!keys.ok()) return ReportError(keys.status());
  fmt::print("{:<10} {:<7} {:<8} {:<20} {}\n", "ID", "SCOPE", "STATE",
             "CREATED", "LABEL");
  for (const auto& k : *keys) {
    std::time_t t = static_cast<std::time_t>(k.created_unix);
    std::tm tm;
    gmtime_r(&t, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fmt::print("{:<10} {:<7} {:<8} {:<20} {}\n", k.id,
               service::KeyScopeName(k.scope), k.revoked ? "revoked" : "active",
               when, k.label);
  }
  return kExitOk;
}

int Revoke(const KeysFlags& f) {
  Status st = service::RevokeApiKey(f.state, f.id);
  if (!st.ok()) return ReportError(st);
  fmt::print("Revoked key {}.\n", f.id);
  return kExitOk;
}

}  // namespace

void AddKeysCommand(CLI::App* app, int* exit_code) {
  auto* cmd =
      app->add_subcommand("keys", "Manage the API keys of `embargo serve`");
  cmd->require_subcommand(1);
  auto f = std::make_shared<KeysFlags>();
  auto* add = cmd->add_subcommand(
      "add", "Create a key; it is printed alone on the last line of stdout");
  add->add_option("--scope", f->scope,
                  "screen (read and screen) or admin (also reload)")
      ->check(CLI::IsMember({"screen", "admin"}));
  add->add_option("--label", f->label, "A note to tell keys apart");
  add->add_option("--state", f->state,
                  "State folder (default ./embargo-state)");
  add->callback([f, exit_code] { *exit_code = Add(*f); });
  auto* list =
      cmd->add_subcommand("list", "List keys (ids, scopes; never the keys)");
  list->add_option("--state", f->state,
                   "State folder (default ./embargo-state)");
  list->callback([f, exit_code] { *exit_code = List(*f); });
  auto* revoke = cmd->add_subcommand("revoke", "Revoke a key by its id");
  revoke->add_option("ID", f->id, "The key's id (see `embargo keys list`)")
      ->required();
  revoke->add_option("--state", f->state,
                     "State folder (default ./embargo-state)");
  revoke->callback([f, exit_code] { *exit_code = Revoke(*f); });
}

}  // namespace embargo::cli
