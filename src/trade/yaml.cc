#include "trade/yaml.h"

#include <fmt/format.h>

#include <cstdlib>
#include <string>

#include "embargo/limits.h"

#ifdef EMBARGO_HAVE_YAML
#include <yaml.h>
#endif

namespace embargo::internal {

using nlohmann::json;

#ifdef EMBARGO_HAVE_YAML
namespace {

// Aliases may point back at an ancestor; kMaxYamlDepth ends such loops.

bool IsYamlNull(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

json PlainScalar(std::string_view s) {
  if (IsYamlNull(s)) return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  // Numbers per the YAML 1.2 core schema: [-+]?digits, or a decimal float.
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digits = false, dot = false, exp = false, ok = i < s.size();
  for (; ok && i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot && !exp) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exp) {
      exp = true;
      if (i + 1 < s.size() && (s[i + 1] == '-' || s[i + 1] == '+')) ++i;
    } else {
      ok = false;
    }
  }
  if (ok && digits) {
    std::string str(s);
    if (!dot && !exp) {
      char* end = nullptr;
      std::int64_t v = std::strtoll(str.c_str(), &end, 10);
      if (end && *end == '\0') return v;
    }
    char* end = nullptr;
    double d = std::strtod(str.c_str(), &end);
    if (end && *end == '\0') return d;
  }
  return std::string(s);
}

Status Convert(yaml_document_t* doc, yaml_node_t* node, int depth,
               std::string_view name, json* out) {
  // `depth` counts from 0 at the document's root node: level depth + 1.
  if (depth >= kMaxYamlDepth)
    return Status::LimitExceeded(fmt::format(
        "{}:{}: YAML nested deeper than {} levels (or a recursive alias)", name,
        node->start_mark.line + 1, kMaxYamlDepth));
  switch (node->type) {
    case YAML_SCALAR_NODE: {
      std::string_view v(reinterpret_cast<const char*>(node->data.scalar.value),
                         node->data.scalar.length);
      *out = node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
                 ? PlainScalar(v)
                 : json(std::string(v));
      return Status::Ok();
    }
    case YAML_SEQUENCE_NODE: {
      *out = json::array();
      for (yaml_node_item_t* it = node->data.sequence.items.start;
           it < node->data.sequence.items.top; ++it) {
        json v;
        EMBARGO_RETURN_IF_ERROR(Convert(doc, yaml_document_get_node(doc, *it),
                                        depth + 1, name, &v));
        out->push_back(std::move(v));
      }
      return Status::Ok();
    }
    case YAML_MAPPING_NODE: {
      *out = json::object();
      for (yaml_node_pair_t* p = node->data.mapping.pairs.start;
           p < node->data.mapping.pairs.top; ++p) {
        yaml_node_t* k = yaml_document_get_node(doc, p->key);
        if (!k || k->type != YAML_SCALAR_NODE)
          return Status::DataError(
              fmt::format("{}:{}: YAML mapping keys must be plain strings",
                          name, node->start_mark.line + 1));
        std::string key(reinterpret_cast<const char*>(k->data.scalar.value),
                        k->data.scalar.length);
        json v;
        EMBARGO_RETURN_IF_ERROR(Convert(
            doc, yaml_document_get_node(doc, p->value), depth + 1, name, &v));
        (*out)[key] = std::move(v);
      }
      return Status::Ok();
    }
    default:
      *out = nullptr;
      return Status::Ok();
  }
}

}  // namespace

Result<json> YamlToJson(std::string_view text, std::string_view name) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser))
    return Status::Internal("libyaml: cannot initialize a parser");
  yaml_parser_set_input_string(
      &parser, reinterpret_cast<const unsigned char*>(text.data()),
      text.size());
  yaml_document_t doc;
  if (!yaml_parser_load(&parser, &doc)) {
    Status s = Status::DataError(fmt::format(
        "{}:{}:{}: invalid YAML: {}", name, parser.problem_mark.line + 1,
        parser.problem_mark.column + 1,
        parser.problem ? parser.problem : "unknown error"));
    yaml_parser_delete(&parser);
    return s;
  }
  json out;
  Status s = Status::Ok();
  if (yaml_node_t* root = yaml_document_get_root_node(&doc)) {
    s = Convert(&doc, root, 0, name, &out);
  } else {
    s = Status::DataError(fmt::format("{}: empty YAML document", name));
  }
  yaml_document_delete(&doc);
  yaml_parser_delete(&parser);
  if (!s.ok()) return s;
  return out;
}

#else  // !EMBARGO_HAVE_YAML

Result<json> YamlToJson(std::string_view, std::string_view name) {
  return Status::Unsupported(fmt::format(
      "{}: this embargo was built without YAML support (libyaml); use the "
      "JSON form of the rule file",
      name));
}

#endif

}  // namespace embargo::internal
