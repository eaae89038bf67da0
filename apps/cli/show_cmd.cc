// embargo show: one entity as JSON.
#include <fmt/format.h>

#include "cli/common.h"

namespace embargo::cli {
namespace {

int Run(const ListOptions& opts, const std::string& id) {
  auto lists = LoadListsFromOptions(opts);
  if (!lists.ok()) return ReportError(lists.status());
  for (const EntityList& list : *lists)
    for (const Entity& e : list.entities)
      if (e.id == id) {
        fmt::print("{}\n", EntityToJson(e, 2));
        return kExitOk;
      }
  return ReportError(Status::NotFound(fmt::format("no entity with id {}", id)));
}

}  // namespace

void AddShowCommand(CLI::App* app, int* exit_code) {
  auto* cmd = app->add_subcommand(
      "show", "Print one entity as JSON, in a FollowTheMoney-like shape");
  auto opts = std::make_shared<ListOptions>();
  auto id = std::make_shared<std::string>();
  cmd->add_option("ENTITY_ID", *id, "e.g. un-KPi.033, ofac-12345")->required();
  opts->AddTo(cmd);
  cmd->callback([opts, id, exit_code] { *exit_code = Run(*opts, *id); });
}

}  // namespace embargo::cli
