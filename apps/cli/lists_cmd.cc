// embargo lists: what each loaded list holds.
#include <fmt/format.h>

#include <array>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/common.h"

namespace embargo::cli {
namespace {

struct ListStats {
  std::array<std::uint64_t, kEntityKindCount> kinds{};
  std::uint64_t aliases = 0;
  std::map<std::string, std::uint64_t> ids;  // kind name -> count
};

ListStats Count(const EntityList& list) {
  ListStats s;
  for (const Entity& e : list.entities) {
    ++s.kinds[static_cast<size_t>(e.kind)];
    for (const Name& n : e.names)
      if (n.type != NameType::kPrimary) ++s.aliases;
    for (const Identifier& id : e.identifiers)
      ++s.ids[std::string(IdKindName(id.kind))];
  }
  return s;
}

int Run(const ListOptions& opts, bool json) {
  auto lists = LoadListsFromOptions(opts);
  if (!lists.ok()) return ReportError(lists.status());
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const EntityList& list : *lists) {
    ListStats s = Count(list);
    const ListInfo& info = list.info;
    if (json) {
      nlohmann::ordered_json j;
      j["name"] = info.name;
      j["format"] = info.format;
      j["files"] = info.files;
      j["published"] = info.published.ToString();
      j["content_hash"] = info.content_hash;
      j["entities"] = list.entities.size();
      nlohmann::ordered_json kinds;
      for (int k = 0; k < kEntityKindCount; ++k)
        kinds[std::string(EntityKindName(static_cast<EntityKind>(k)))] =
            s.kinds[k];
      j["kinds"] = std::move(kinds);
      j["aliases"] = s.aliases;
      j["identifiers"] = s.ids;
      j["unknown_fields"] = info.unknown_fields;
      j["warnings"] = info.warnings;
      out.push_back(std::move(j));
      continue;
    }
    fmt::print("{} ({})\n", info.name, info.format);
    fmt::print("  file:        {}\n", info.files.empty() ? "" : info.files[0]);
    for (size_t i = 1; i < info.files.size(); ++i)
      fmt::print("               {}\n", info.files[i]);
    fmt::print("  published:   {}\n", info.published.empty()
                                          ? "not stated"
                                          : info.published.ToString());
    fmt::print("  hash:        {}\n", info.content_hash);
    fmt::print(
        "  entities:    {} (person {}, organization {}, vessel {}, "
        "aircraft {})\n",
        list.entities.size(), s.kinds[0], s.kinds[1], s.kinds[2], s.kinds[3]);
    fmt::print("  aliases:     {}\n", s.aliases);
    std::string ids;
    for (const auto& [kind, n] : s.ids)
      ids += fmt::format("{}{} {}", ids.empty() ? "" : ", ", kind, n);
    fmt::print("  identifiers: {}\n", ids.empty() ? "none" : ids);
    if (!info.unknown_fields.empty()) {
      std::string u;
      for (const auto& [field, n] : info.unknown_fields)
        u += fmt::format("{}{} ({})", u.empty() ? "" : ", ", field, n);
      fmt::print("  unknown fields: {}\n", u);
    }
    if (!info.warnings.empty())
      fmt::print("  warnings:    {} (see --json)\n", info.warnings.size());
    fmt::print("\n");
  }
  if (json)
    fmt::print("{}\n", out.dump(2, ' ', false,
                                nlohmann::json::error_handler_t::replace));
  return kExitOk;
}

}  // namespace

void AddListsCommand(CLI::App* app, int* exit_code) {
  auto* cmd = app->add_subcommand(
      "lists",
      "Load the lists and print, for each: name, publication date, "
      "content hash, entities per kind, aliases, identifiers per type");
  auto opts = std::make_shared<ListOptions>();
  auto json = std::make_shared<bool>(false);
  opts->AddTo(cmd);
  cmd->add_flag("--json", *json, "Print JSON");
  cmd->callback([opts, json, exit_code] { *exit_code = Run(*opts, *json); });
}

}  // namespace embargo::cli
