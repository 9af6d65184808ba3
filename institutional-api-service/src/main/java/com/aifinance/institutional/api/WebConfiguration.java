package com.aifinance.institutional.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final UsageMetering metering;

    WebConfiguration(UsageMetering metering) {
        this.metering = metering;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(metering).addPathPatterns("/v1/**");
    }

    @Bean
    OpenAPI institutionalApi() {
        return new OpenAPI()
                .info(new Info().title("AI Finance Agency institutional API").version("v1")
                        .description("""
                                Market data, AI-generated trading signals with their track record, and signed webhooks.
                                Institutional clients call it with an OAuth2 client-credentials token (role \
                                institutional_client, tier institutional, scopes signals:read, market-data:read, \
                                accuracy:read, webhooks:manage); subscribers with their own token through the gateway \
                                (Basic: stocks, delayed; Pro and Enterprise: everything in real time). Every error is \
                                an RFC 9457 problem detail. Instruments and signals flagged `simulated` come from the \
                                simulated market, and their accuracy is reported apart from real data."""))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
