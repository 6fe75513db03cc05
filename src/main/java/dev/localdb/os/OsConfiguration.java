package dev.localdb.os;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The machine as the features see it: processes, sockets, detached servers, the browser. */
@Configuration(proxyBeanMethods = false)
class OsConfiguration {

	@Bean
	ProcessTable processTable() {
		return new ProcessTable();
	}

	@Bean
	PortProbe portProbe() {
		return new PortProbe();
	}

	@Bean
	DetachedLauncher detachedLauncher() {
		return new DetachedLauncher();
	}

	@Bean
	BrowserOpener browserOpener() {
		return new BrowserOpener();
	}

}
