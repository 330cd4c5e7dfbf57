// Package s3 stores report files in an S3-compatible object store: AWS S3,
// MinIO, Alibaba Cloud OSS, and the others that speak the S3 API with
// Signature V4. New returns an Uploader that implements report.Uploader.
//
// It is built on github.com/minio/minio-go/v7: a small, well-kept client
// that speaks S3 with SigV4 to AWS, MinIO and S3-compatible services such as
// Alibaba OSS, with multipart uploads and retries built in. The AWS SDK
// (aws-sdk-go-v2) would do as well for AWS but is many times larger and
// brings AWS-only defaults (endpoint resolution, checksums) that other
// services do not all accept.
//
// Addressing: Alibaba OSS accepts only virtual-host style
// (bucket.oss-cn-hangzhou.aliyuncs.com), which is the default here; MinIO
// and most self-hosted services want path style (Config.PathStyle).
//
// The URL that goes into monitor_basic_data.file_url must fit in 255
// characters, and it is stored for good. A presigned URL does not fit (its
// query string alone, with the credential scope and signature, is some 300
// characters) and expires (SigV4: at most 7 days). So Upload returns a
// plain URL, and serving the file is up to the deployment, one of:
//
//   - a public-read bucket, or a bucket policy that lets everyone read the
//     report prefix (the plain object URL then works as is);
//   - a CDN or a static site in front of the bucket: set
//     Config.PublicBaseURL;
//   - a download endpoint of the host application that checks its users
//     and streams the file with Uploader.Open (set PublicBaseURL to that
//     endpoint), or redirects to a presigned URL made at click time.
//
// Use https (Config.Secure). Over plain http minio-go signs each body in
// aws-chunked streaming mode, which not every S3-compatible service (nor
// gofakes3, for the parts of a multipart upload) accepts; over https it
// sends bodies as they are.
//
// Errors name the bucket and the object, and the S3 error code and HTTP
// status when there is one; they never hold the access key or the secret
// key.
package s3
