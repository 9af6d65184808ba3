package com.aifinance.enterprise.branding;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.aifinance.enterprise.EnterpriseTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class BrandingTest extends EnterpriseTest {

    @Test
    void membersSeeTheirOwnOrganisationsBrandingWithNormalisedColours() {
        Org org = organisationWithMembers(10);
        Org other = organisationWithMembers(10);
        String domain = uniqueDomain();

        Response saved = put(path(org), org.adminToken(), branding("Acme Signals", "#1A73E8", "#FFF", domain));

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode mine = get("/api/enterprise/branding", org.analystToken()).json();
        assertThat(mine.get("displayName").asString()).isEqualTo("Acme Signals");
        assertThat(mine.get("primaryColour").asString()).isEqualTo("#1a73e8");
        assertThat(mine.get("secondaryColour").asString()).isEqualTo("#ffffff");
        assertThat(mine.get("customDomain").asString()).isEqualTo(domain);
        assertThat(get("/api/enterprise/branding", other.analystToken()).json().get("displayName").asString())
                .startsWith("Acme org-");   // the other organisation's default: its own name
        assertThat(audit(org.id(), "branding.changed")).hasSize(1);
    }

    @Test
    void theLoginPageGetsTheBrandingOfItsCustomDomainWithoutAToken() {
        Org org = organisationWithMembers(10);
        String domain = uniqueDomain();
        put(path(org), org.adminToken(), branding("Globex Research", "#112233", null, domain));

        Response byDomain = get("/api/enterprise/branding/domains/" + domain.toUpperCase(), null);

        assertThat(byDomain.status()).isEqualTo(200);
        assertThat(byDomain.json().get("displayName").asString()).isEqualTo("Globex Research");
        assertThat(get("/api/enterprise/branding/domains/nobody.example", null).status()).isEqualTo(404);
        assertThat(get("/api/enterprise/branding", null).status()).isEqualTo(401);
    }

    @Test
    void badColoursDomainsAndUrlsAreRefused() {
        Org org = organisationWithMembers(10);
        Org other = organisationWithMembers(10);
        String domain = uniqueDomain();
        put(path(org), org.adminToken(), branding("Acme", "#123456", null, domain));

        Response colour = put(path(other), other.adminToken(), branding("X", "red", null, null));
        Response shortHex = put(path(other), other.adminToken(), branding("X", "#12345", null, null));
        Response host = put(path(other), other.adminToken(), branding("X", null, null, "not a host"));
        Response platform = put(path(other), other.adminToken(), branding("X", null, null, "app.aifinance.agency"));
        Response taken = put(path(other), other.adminToken(), branding("X", null, null, domain));
        Map<String, Object> script = branding("X", null, null, null);
        script.put("logoUrl", "javascript:alert(1)");

        assertThat(colour.status()).isEqualTo(400);
        assertThat(colour.body()).contains("hex colour");
        assertThat(shortHex.status()).isEqualTo(400);
        assertThat(host.status()).isEqualTo(400);
        assertThat(platform.status()).isEqualTo(400);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(put(path(other), other.adminToken(), script).body()).contains("https");
    }

    @Test
    void anUploadedLogoIsServedPubliclyAsTheImageItIs() throws Exception {
        Org org = organisationWithMembers(10);
        put(path(org), org.adminToken(), branding("Acme", null, null, null));
        byte[] png = png(120, 40);

        HttpResponse<String> uploaded = upload(org, org.adminToken(), png, "image/png", "logo.png");

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String logoUrl = JSON.readTree(uploaded.body()).get("logoUrl").asString();
        assertThat(logoUrl).startsWith("/api/enterprise/branding/logos/" + org.id());
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + logoUrl)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(audit(org.id(), "branding.logo_uploaded")).hasSize(1);
    }

    @Test
    void logosThatAreNotWhatTheyClaimTooLargeOrScriptableAreRefused() throws Exception {
        Org org = organisationWithMembers(10);
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] fakePng = "\u0089PNG\r\n\u001a\nnot really an image at all".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tooLarge = new byte[600 * 1024];
        System.arraycopy(png(20, 20), 0, tooLarge, 0, 8);

        assertThat(upload(org, org.adminToken(), svg, "image/svg+xml", "logo.svg").statusCode()).isEqualTo(415);
        assertThat(upload(org, org.adminToken(), svg, "image/png", "logo.png").statusCode()).isEqualTo(400);
        assertThat(upload(org, org.adminToken(), fakePng, "image/png", "logo.png").statusCode()).isEqualTo(400);
        assertThat(upload(org, org.adminToken(), tooLarge, "image/png", "logo.png").statusCode()).isEqualTo(413);
        assertThat(upload(org, org.adminToken(), png(4000, 16), "image/png", "wide.png").body())
                .contains("4000x16");
        assertThat(upload(org, org.analystToken(), png(64, 64), "image/png", "logo.png").statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> upload(Org org, String token, byte[] bytes, String type, String filename)
            throws Exception {
        String boundary = "----aifa" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path(org) + "/logo"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x1a73e8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Map<String, Object> branding(String name, String primary, String secondary, String domain) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", name);
        body.put("primaryColour", primary);
        body.put("secondaryColour", secondary);
        body.put("customDomain", domain);
        return body;
    }

    private static String uniqueDomain() {
        return "signals-" + UUID.randomUUID().toString().substring(0, 8) + ".acme.example";
    }

    private static String path(Org org) {
        return "/api/enterprise/organisations/" + org.id() + "/branding";
    }
}
