// PLACEHOLDER: replaced by the real loader.
#include "sources/loaders.h"

namespace embargo::internal {

Result<EntityList> LoadAuXlsx(const std::string& path) {
  return Status::Unsupported(path + ": the au_xlsx loader is not written yet");
}

}  // namespace embargo::internal
