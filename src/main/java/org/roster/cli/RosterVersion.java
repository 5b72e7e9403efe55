package org.roster.cli;

import picocli.CommandLine.IVersionProvider;

class RosterVersion implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = RosterVersion.class.getPackage().getImplementationVersion();
		return new String[] { "Roster " + ((version != null) ? version : "(development build)") };
	}

}
