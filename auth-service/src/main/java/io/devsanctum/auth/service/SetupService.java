package io.devsanctum.auth.service;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditActor;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.contract.audit.AuditResult;
import io.devsanctum.common.contract.audit.AuditTarget;
import java.util.Map;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.UserRepository;
import io.devsanctum.common.contract.auth.NewUser;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.UserStatus;
import io.devsanctum.common.domain.ConflictException;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First run: while no user exists, anyone reaching the server may create the first admin
 * (as in Coder). Once any user exists the step is closed for good.
 */
public class SetupService {

  private static final Logger LOG = LoggerFactory.getLogger(SetupService.class);

  private final UserRepository users;
  private final PasswordHasher hasher;

  public SetupService(UserRepository users, PasswordHasher hasher) {
    this.users = users;
    this.hasher = hasher;
  }

  public Future<Boolean> firstUserRequired() {
    return users.count().map(count -> count == 0);
  }

  public Future<StoredUser> createFirstAdmin(NewUser request) {
    UserRules.validate(request);
    return firstUserRequired()
        .compose(required -> required
            ? hasher.hash(request.password())
            : Future.failedFuture(new ConflictException("the first admin has already been created")))
        .compose(hash -> {
          StoredUser admin = new StoredUser(UUID.randomUUID(), request.email().trim(), request.username().trim(),
              UserRules.displayName(request), Role.OWNER, UserStatus.ACTIVE, hash, OffsetDateTime.now());
          AuditRecord created = AuditRecord.of(AuditActor.anonymous(admin.username()), AuditAction.USER_CREATE,
              new AuditTarget(AuditAction.USER_CREATE.targetType(), admin.id(), admin.username()),
              AuditChange.created(Map.of("email", admin.email(), "role", admin.role().wireName())), AuditResult.SUCCESS);
          return users.insertIfNoneExists(admin, created).compose(inserted -> inserted
              ? Future.succeededFuture(admin)
              : Future.failedFuture(new ConflictException("the first admin has already been created")));
        })
        .onSuccess(admin -> LOG.info("first admin created: user {} ({})", admin.id(), admin.username()));
  }
}
