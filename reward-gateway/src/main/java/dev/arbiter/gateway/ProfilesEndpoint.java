package dev.arbiter.gateway;

import dev.arbiter.gateway.GatewayProperties.Profile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/profiles}: the composite rewards this gateway serves. */
@RestController
public class ProfilesEndpoint {

  private final GatewayScoreHandler handler;

  public ProfilesEndpoint(GatewayScoreHandler handler) {
    this.handler = handler;
  }

  @GetMapping(path = "/v1/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Profile> profiles() {
    Map<String, Profile> out = new LinkedHashMap<>();
    handler.profiles().forEach((name, p) -> out.put(name, p.profile()));
    return out;
  }
}
