-- What a crash must not lose about a deployment.

-- A stop that is the first half of a restart (or of an update of a running workspace) names the
-- template version its start half runs; that start begins in the same transaction that ends the
-- stop, so no crash between the two halves can leave the workspace stopped.
ALTER TABLE deployments ADD COLUMN then_start_version_id uuid REFERENCES template_versions (id);

-- claimed_by is the driving instance's identity, which a restarted instance keeps (so it takes its
-- own unfinished deployments back at once); claim_token is the run of that instance, so only the
-- run that holds the claim may advance or finish the deployment.
ALTER TABLE deployments ADD COLUMN claim_token uuid;
