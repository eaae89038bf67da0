// PLACEHOLDER: replaced by the real loader.
#include "sources/loaders.h"

namespace embargo::internal {

Result<EntityList> LoadBisDpl(const std::string& path) {
  return Status::Unsupported(path + ": the bis_dpl loader is not written yet");
}

}  // namespace embargo::internal
