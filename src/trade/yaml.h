// YAML rule files: a YAML document turned into the same JSON value a .json
// rule file gives, so both go through one validator. Plain scalars become
// null, booleans and numbers where YAML 1.2's core schema says so; quoted
// scalars stay strings. Built on libyaml when available (EMBARGO_HAVE_YAML);
// otherwise YamlToJson() fails with kUnsupported.
// Thread-safety: reentrant.
#ifndef EMBARGO_TRADE_YAML_H_
#define EMBARGO_TRADE_YAML_H_

#include <nlohmann/json.hpp>
#include <string_view>

#include "embargo/status.h"

namespace embargo::internal {

// Fails with kDataError naming `name`, the line and the column.
Result<nlohmann::json> YamlToJson(std::string_view text, std::string_view name);

}  // namespace embargo::internal

#endif  // EMBARGO_TRADE_YAML_H_
