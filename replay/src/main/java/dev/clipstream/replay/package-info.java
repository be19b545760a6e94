/** Dataset replay for retraining: reproducible dataset manifests and their re-publication for dispatch. */
package dev.clipstream.replay;
