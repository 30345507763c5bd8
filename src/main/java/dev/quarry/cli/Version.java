package dev.quarry.cli;

import dev.quarry.api.QuarryNode;
import picocli.CommandLine;

/** Reports the version baked into the jar manifest (or "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"quarry " + QuarryNode.version()};
    }
}
