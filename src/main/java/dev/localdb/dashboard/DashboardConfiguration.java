package dev.localdb.dashboard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard, wherever the web server runs (the daemon, or a shell without one). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardConfiguration {

	@Bean
	DashboardToken dashboardToken() {
		return new DashboardToken();
	}

}
